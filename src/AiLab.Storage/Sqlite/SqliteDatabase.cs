using AiLab.Core.Security;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Opens an SQLite file the way every AiLab store needs it: WAL, full fsync, foreign keys, schema up to date.</summary>
internal static class SqliteDatabase
{
    private const int SqliteCantOpen = 14;

    /// <summary>Opens the database at <paramref name="path"/> and, for <see cref="StoreAccess.ReadWrite"/>, creates it
    /// when missing and applies the missing migrations.</summary>
    /// <remarks>A new database is built under a temporary name and renamed into place, so a file at
    /// <paramref name="path"/> always holds a schema: a 0-byte file there is damage (a truncated copy, a full disk),
    /// never a database ailab was creating, and it is reported instead of silently becoming a new empty one.</remarks>
    /// <returns>The open connection and the schema version it has now.</returns>
    /// <exception cref="StorageException">The file is not a usable AiLab database; the message names it and the fix.</exception>
    public static (SqliteConnection Connection, int SchemaVersion) Open(
        string path, IReadOnlyList<SchemaMigration> migrations, StoreAccess access = StoreAccess.ReadWrite)
    {
        CheckOrder(migrations);
        if (Directory.Exists(path))
            throw new StorageException($"{path} is a directory, not a database file; pass --db with the path of a file");
        var created = false;
        if (!File.Exists(path))
        {
            // Reading commands never create anything: a missing database reads as an empty one.
            if (access == StoreAccess.ReadOnly) return OpenInMemory(path, migrations);
            Create(path, migrations);
            created = true;
        }
        else if (new FileInfo(path).Length == 0)
        {
            throw new StorageException(
                $"{path} is an empty (0-byte) file, not an AiLab database: ailab never leaves one behind, so it was truncated "
                + "or made by hand. If it held experiments, restore it from a backup; to start afresh, delete it "
                + "(ailab creates a new database on the next run)");
        }

        if (access == StoreAccess.ReadOnly)
            return OpenReadOnly(path, migrations);
        var connection = Connect(path, SqliteOpenMode.ReadWrite);
        try
        {
            connection.Open();
            if (created)
                RestrictNewStore(path);
            Configure(connection, path);
            var version = Migrate(connection, path, migrations);
            return (connection, version);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw StorageErrors.Wrap(ex, path);
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

    private static (SqliteConnection, int) OpenReadOnly(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var connection = Connect(path, SqliteOpenMode.ReadOnly);
        try
        {
            connection.Open();
            try
            {
                UserVersion(connection, null);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCantOpen)
            {
                // A WAL database needs its -shm file, which a read-only directory cannot hold. No process can be
                // writing to it there either, so it is read as the immutable file it is.
                connection.Dispose();
                connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = new Uri(path).AbsoluteUri + "?immutable=1",
                    Mode = SqliteOpenMode.ReadOnly,
                    Pooling = false,
                }.ToString());
                connection.Open();
            }

            Execute(connection, "PRAGMA busy_timeout = 5000;");
            var version = UserVersion(connection, null);
            if (version > latest)
                throw new StorageException($"{path} has schema version {version}, newer than this AiLab knows ({latest}); upgrade AiLab");
            if (version == latest)
                return (connection, version);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw StorageErrors.Wrap(ex, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        // An older schema: upgrade it once through a writing connection, then read as asked.
        connection.Dispose();
        try
        {
            using (Open(path, migrations).Connection)
            {
            }
        }
        catch (StorageException ex)
        {
            throw new StorageException(
                $"{path} has an older schema that this AiLab must upgrade before reading it, and the upgrade failed: {ex.Message}", ex);
        }

        return OpenReadOnly(path, migrations);
    }

    private static (SqliteConnection, int) OpenInMemory(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:" }.ToString());
        connection.Open();
        return (connection, Migrate(connection, path, migrations));
    }

    /// <summary>Builds the database under a temporary name next to <paramref name="path"/> and renames it into place;
    /// when another process got there first, its database is kept and ours dropped.</summary>
    private static void Create(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var directory = Path.GetDirectoryName(path)!;
        PrivateFiles.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.new-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var connection = Connect(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                try
                {
                    connection.Open();
                    Configure(connection, path);
                    Migrate(connection, path, migrations);
                }
                catch (SqliteException ex)
                {
                    throw StorageErrors.Wrap(ex, path);
                }
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it between our check and our rename: theirs is as good as ours.
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageException($"cannot create the AiLab database {path}: {ex.Message}; pass --db with a writable path", ex);
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm" })
                File.Delete(leftover);
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        // Pooling would keep the file open after Dispose, which surprises a user deleting or moving the database.
        Pooling = false,
    }.ToString());

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
