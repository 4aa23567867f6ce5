using System.Data.Common;
using System.Globalization;

namespace AiLab.Storage.Schema;

/// <summary>Brings a database's schema up to date, the same way in both dialects: a <c>schema_migrations</c> table
/// holds one row (version, name, applied_at) per applied step, and each missing step runs in its own transaction
/// together with its row, so a step is either applied and recorded or neither.</summary>
/// <remarks>Concurrent openers are serialized per step: SQLite by the write lock of an IMMEDIATE transaction,
/// PostgreSQL by a transaction-scoped advisory lock; the applied versions are read again under that lock, so two
/// processes opening a fresh database apply each step once. SQLite files of AiLab versions that counted steps in
/// <c>PRAGMA user_version</c> are adopted in place: their versions 1..N are recorded as applied. SQLite keeps
/// <c>user_version</c> equal to the latest step too, so an older AiLab still refuses a newer file.</remarks>
internal static class SchemaMigrator
{
    /// <summary>The migrations table.</summary>
    public const string Table = "schema_migrations";

    // Any constant: the key of the advisory lock that serializes migrations on a PostgreSQL database.
    private const long PostgresLockKey = 0x41694C6162L; // "AiLab"

    private const string CreateTable = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL -- ISO 8601, UTC
        );
        """;

    /// <summary>Applies the steps of <paramref name="migrations"/> that <paramref name="connection"/>'s database
    /// lacks.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="dialect">What it speaks.</param>
    /// <param name="migrations">Every step, numbered 1, 2, 3, ...</param>
    /// <param name="where">The database, as error messages name it.</param>
    /// <returns>The schema version the database has now.</returns>
    /// <exception cref="StorageException">The database is newer than <paramref name="migrations"/>, or a step
    /// failed.</exception>
    public static int Migrate(
        DbConnection connection, SqlDialect dialect, IReadOnlyList<SchemaMigration> migrations, string where)
    {
        CheckOrder(migrations);
        var latest = Latest(migrations);
        int version;
        using (var transaction = Begin(connection, dialect))
        {
            Execute(connection, transaction, CreateTable);
            version = Applied(connection, transaction);
            if (version == 0 && dialect == SqlDialect.Sqlite)
                version = AdoptUserVersion(connection, transaction, migrations);
            transaction.Commit();
        }

        if (version > latest)
            throw Newer(where, version, latest);
        foreach (var migration in migrations)
        {
            if (migration.Version <= version)
                continue;
            using var transaction = Begin(connection, dialect);
            // Read again under the lock: another process may have applied it meanwhile.
            version = Applied(connection, transaction);
            if (migration.Version > version)
            {
                Apply(connection, transaction, dialect, migration, where);
                version = migration.Version;
            }

            transaction.Commit();
        }

        return version;
    }

    /// <summary>The schema version of a database without changing it: 0 for one without any table.</summary>
    /// <exception cref="StorageException">The database is newer than <paramref name="migrations"/>.</exception>
    public static int CurrentVersion(
        DbConnection connection, SqlDialect dialect, IReadOnlyList<SchemaMigration> migrations, string where)
    {
        var hasTable = dialect == SqlDialect.Sqlite
            ? Convert.ToInt64(Scalar(connection, null,
                $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}';"),
                CultureInfo.InvariantCulture) > 0
            : Scalar(connection, null, $"SELECT to_regclass('{Table}')::text;") is string;
        var version = hasTable ? Applied(connection, null) : 0;
        if (version == 0 && dialect == SqlDialect.Sqlite)
            version = UserVersion(connection, null);
        var latest = Latest(migrations);
        if (version > latest)
            throw Newer(where, version, latest);
        return version;
    }

    /// <summary>Checks that steps are numbered 1, 2, 3, ... with no gap.</summary>
    /// <exception cref="InvalidOperationException">They are not.</exception>
    public static void CheckOrder(IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"schema step #{i} has version {migrations[i].Version}; steps must be numbered 1, 2, 3, ...");
        }
    }

    /// <summary>A transaction that holds the database's migration lock: SQLite's BeginTransaction is IMMEDIATE
    /// (the write lock up front); PostgreSQL takes an advisory lock released at commit.</summary>
    private static DbTransaction Begin(DbConnection connection, SqlDialect dialect)
    {
        var transaction = connection.BeginTransaction();
        if (dialect == SqlDialect.Postgres)
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});");
        return transaction;
    }

    private static int Latest(IReadOnlyList<SchemaMigration> migrations) =>
        migrations.Count == 0 ? 0 : migrations[^1].Version;

    private static StorageException Newer(string where, int version, int latest) => new(
        $"{where} has schema version {version}, newer than this AiLab knows ({latest}); upgrade AiLab");

    private static void Apply(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, SchemaMigration migration, string where)
    {
        try
        {
            Execute(connection, transaction, migration.Sql(dialect));
            migration.Fill?.Invoke(connection, transaction, where);
        }
        catch (DbException ex)
        {
            throw new StorageException(
                $"{where}: schema step {migration.Version} ({migration.Name}) failed: {ex.Message}", ex);
        }

        Record(connection, transaction, migration.Version, migration.Name);
        if (dialect == SqlDialect.Sqlite)
            Execute(connection, transaction, $"PRAGMA user_version = {migration.Version};");
    }

    /// <summary>A file of an AiLab that counted its steps in user_version: its steps 1..N are recorded as
    /// applied (now, the adoption being when the table learnt of them).</summary>
    private static int AdoptUserVersion(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaMigration> migrations)
    {
        var legacy = UserVersion(connection, transaction);
        for (var v = 1; v <= legacy; v++)
            Record(connection, transaction, v, v <= migrations.Count ? migrations[v - 1].Name : $"step {v}");
        return legacy;
    }

    private static void Record(DbConnection connection, DbTransaction transaction, int version, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Table} (version, name, applied_at) VALUES (@version, @name, @at);";
        AddParameter(command, "@version", version);
        AddParameter(command, "@name", name);
        AddParameter(command, "@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    private static int Applied(DbConnection connection, DbTransaction? transaction) => Convert.ToInt32(
        Scalar(connection, transaction, $"SELECT coalesce(max(version), 0) FROM {Table};"),
        CultureInfo.InvariantCulture);

    private static int UserVersion(DbConnection connection, DbTransaction? transaction) => Convert.ToInt32(
        Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
