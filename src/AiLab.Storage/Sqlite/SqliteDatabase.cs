using AiLab.Core.Security;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Opens an SQLite file the way every AiLab store needs it: WAL, full fsync, foreign keys, schema up to date.</summary>
internal static class SqliteDatabase
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies the missing migrations.</summary>
    /// <returns>The open connection and the schema version it has now.</returns>
    /// <exception cref="StorageException">The file is not a usable AiLab database.</exception>
    public static (SqliteConnection Connection, int SchemaVersion) Open(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        CheckOrder(migrations);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
            PrivateFiles.CreateDirectory(directory);
        var created = !File.Exists(path);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling would keep the file open after Dispose, which surprises a user deleting or moving the database.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            if (created)
                RestrictNewStore(path);
            Configure(connection, path);
            var version = Migrate(connection, path, migrations);
            return (connection, version);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            connection.Dispose();
            throw new StorageException(
                $"{path} is not a readable AiLab database (SQLite: {ex.Message}); move it aside or choose another database path", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StorageException($"cannot open the AiLab database {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A store this process created is its owner's alone (0600), whatever the umask; SQLite gives the -wal
    /// and -shm files the database's mode, and they are restricted too in case they already exist.</summary>
    private static void RestrictNewStore(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            PrivateFiles.Restrict(file, PrivateFiles.FileMode);
    }

    private static void Configure(SqliteConnection connection, string path)
    {
        // busy_timeout first: switching to WAL needs a moment of exclusive access when another process has the file open.
        Execute(connection, "PRAGMA busy_timeout = 5000;");
        var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StorageException($"cannot switch {path} to write-ahead logging (journal_mode stayed '{mode}'); is it on a network file system?");
        // FULL: a commit fsyncs the WAL, so a trial that AddTrial returned from survives a power loss.
        Execute(connection, "PRAGMA synchronous = FULL;");
        Execute(connection, "PRAGMA foreign_keys = ON;");
    }

    private static int Migrate(SqliteConnection connection, string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var version = UserVersion(connection, null);
        if (version > latest)
            throw new StorageException($"{path} has schema version {version}, newer than this AiLab knows ({latest}); upgrade AiLab");

        foreach (var migration in migrations)
        {
            if (migration.Version <= version)
                continue;
            // IMMEDIATE, and the version read again inside: two processes opening a fresh file apply each step once.
            using var transaction = connection.BeginTransaction(deferred: false);
            version = UserVersion(connection, transaction);
            if (migration.Version <= version)
                continue;
            try
            {
                Execute(connection, migration.Sql, transaction);
            }
            catch (SqliteException ex)
            {
                throw new StorageException($"{path}: schema step {migration.Version} ({migration.Description}) failed: {ex.Message}", ex);
            }

            Execute(connection, $"PRAGMA user_version = {migration.Version};", transaction);
            transaction.Commit();
            version = migration.Version;
        }

        return version;
    }

    private static void CheckOrder(IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"schema step #{i} has version {migrations[i].Version}; steps must be numbered 1, 2, 3, ...");
        }
    }

    private static int UserVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        Convert.ToInt32(Scalar(connection, "PRAGMA user_version;", transaction), System.Globalization.CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
