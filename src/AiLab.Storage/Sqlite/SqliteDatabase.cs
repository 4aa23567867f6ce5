using AiLab.Core.Security;
using System.Data.Common;
using AiLab.Storage.Schema;
using AiLab.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>An SQLite file opened the way every AiLab store needs it (WAL, full fsync, foreign keys, schema up to
/// date), handing out a pooled connection per operation so that concurrent callers never queue behind one lock.</summary>
/// <remarks>WAL lets readers run beside the one writer; SQLite's own locks (with a busy timeout) order the writers,
/// across threads and processes alike. The pool is cleared on <see cref="Dispose"/>, so the file is closed when the
/// store is, as a user moving or deleting it expects.</remarks>
internal sealed class SqliteDatabase : IStoreDatabase, IDisposable
{
    private const int SqliteCantOpen = 14;
    private const int BusyTimeoutMs = 5000;
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;
    private readonly bool _writable;

    // Holds a shared in-memory database alive: what a read-only open of a missing file reads.
    private readonly SqliteConnection? _keepAlive;

    private SqliteDatabase(string path, string connectionString, bool writable, int version, SqliteConnection? keepAlive)
    {
        Path = path;
        _connectionString = connectionString;
        _writable = writable;
        SchemaVersion = version;
        _keepAlive = keepAlive;
    }

    /// <summary>Absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>The schema version after opening.</summary>
    public int SchemaVersion { get; }

    /// <inheritdoc />
    public string Display => Path;

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>Opens the database at <paramref name="path"/> and, for <see cref="StoreAccess.ReadWrite"/>, creates it
    /// when missing and applies the missing migrations.</summary>
    /// <remarks>A new database is built under a temporary name and renamed into place, so a file at
    /// <paramref name="path"/> always holds a schema: a 0-byte file there is damage (a truncated copy, a full disk),
    /// never a database ailab was creating, and it is reported instead of silently becoming a new empty one.</remarks>
    /// <exception cref="StorageException">The file is not a usable AiLab database; the message names it and the fix.</exception>
    public static SqliteDatabase Open(
        string path, IReadOnlyList<SchemaMigration> migrations, StoreAccess access = StoreAccess.ReadWrite)
    {
        SchemaMigrator.CheckOrder(migrations);
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
                $"{path} is an empty (0-byte) file, not an AiLab database: ailab never leaves one behind, so it was "
                + "truncated or made by hand. If it held experiments, restore it from a backup; to start afresh, "
                + "delete it (ailab creates a new database on the next run)");
        }

        if (access == StoreAccess.ReadOnly)
            return OpenReadOnly(path, migrations);
        var connectionString = ConnectionString(path, SqliteOpenMode.ReadWrite, pooling: true);
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            if (created)
                RestrictNewStore(path);
            ConfigureFile(connection, path);
            Configure(connection, writable: true);
            var version = SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, migrations, path);
            return new SqliteDatabase(path, connectionString, writable: true, version, keepAlive: null);
        }
        catch (SqliteException ex)
        {
            ClearPool(connectionString);
            throw StorageErrors.Wrap(ex, path);
        }
        catch
        {
            ClearPool(connectionString);
            throw;
        }
    }

    /// <summary>Runs <paramref name="operation"/> on a connection of its own, turning SQLite's bare errors (but
    /// constraint violations, which the callers explain) into ones that name the file.</summary>
    public async Task<T> RunAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Configure(connection, _writable);
            return await operation(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode != SqliteConstraint)
        {
            throw StorageErrors.Wrap(ex, Path);
        }
    }

    /// <summary>Runs <paramref name="operation"/> on a connection of its own; see <see cref="RunAsync{T}"/>.</summary>
    public Task RunAsync(Func<SqliteConnection, CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync<bool>(async (connection, token) =>
        {
            await operation(connection, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    Task<T> IStoreDatabase.RunAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync<T>((connection, token) => operation(connection, token), cancellationToken);

    /// <summary>Closes the file: the pooled connections are dropped, and the last process to close it folds the WAL
    /// back into it.</summary>
    public void Dispose()
    {
        ClearPool(_connectionString);
        _keepAlive?.Dispose();
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A store this process created is its owner's alone (0600), whatever the umask; SQLite gives the -wal
    /// and -shm files the database's mode, and they are restricted too in case they already exist.</summary>
    private static void RestrictNewStore(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            PrivateFiles.Restrict(file, PrivateFiles.FileMode);
    }

    private static SqliteDatabase OpenReadOnly(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var connectionString = ConnectionString(path, SqliteOpenMode.ReadOnly, pooling: true);
        int version;
        try
        {
            version = ReadOnlyVersion(connectionString, path, migrations, out connectionString);
        }
        catch (SqliteException ex)
        {
            ClearPool(connectionString);
            throw StorageErrors.Wrap(ex, path);
        }
        catch
        {
            ClearPool(connectionString);
            throw;
        }

        if (version == (migrations.Count == 0 ? 0 : migrations[^1].Version))
            return new SqliteDatabase(path, connectionString, writable: false, version, keepAlive: null);

        // An older schema: upgrade it once through a writing connection, then read as asked.
        ClearPool(connectionString);
        try
        {
            Open(path, migrations).Dispose();
        }
        catch (StorageException ex)
        {
            throw new StorageException(
                $"{path} has an older schema that this AiLab must upgrade before reading it, and the upgrade failed: "
                + ex.Message, ex);
        }

        return OpenReadOnly(path, migrations);
    }

    private static int ReadOnlyVersion(
        string connectionString, string path, IReadOnlyList<SchemaMigration> migrations, out string usable)
    {
        usable = connectionString;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        try
        {
            Configure(connection, writable: false);
            return SchemaMigrator.CurrentVersion(connection, SqlDialect.Sqlite, migrations, path);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCantOpen)
        {
            // A WAL database needs its -shm file, which a read-only directory cannot hold. No process can be
            // writing to it there either, so it is read as the immutable file it is.
            ClearPool(connectionString);
            usable = new SqliteConnectionStringBuilder
            {
                DataSource = new Uri(path).AbsoluteUri + "?immutable=1",
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = true,
            }.ToString();
            using var immutable = new SqliteConnection(usable);
            immutable.Open();
            Configure(immutable, writable: false);
            return SchemaMigrator.CurrentVersion(immutable, SqlDialect.Sqlite, migrations, path);
        }
    }

    private static SqliteDatabase OpenInMemory(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        // Shared cache under a unique name: every per-operation connection sees the one empty schema, which lives
        // as long as the kept-alive connection.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"ailab-missing-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        var version = SchemaMigrator.Migrate(keepAlive, SqlDialect.Sqlite, migrations, path);
        return new SqliteDatabase(path, connectionString, writable: false, version, keepAlive);
    }

    /// <summary>Builds the database under a temporary name next to <paramref name="path"/> and renames it into place;
    /// when another process got there first, its database is kept and ours dropped.</summary>
    private static void Create(string path, IReadOnlyList<SchemaMigration> migrations)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        PrivateFiles.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(
            directory, $".{System.IO.Path.GetFileName(path)}.new-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var connection = new SqliteConnection(
                ConnectionString(temporary, SqliteOpenMode.ReadWriteCreate, pooling: false)))
            {
                try
                {
                    connection.Open();
                    ConfigureFile(connection, path);
                    Configure(connection, writable: true);
                    SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, migrations, path);
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
            throw new StorageException(
                $"cannot create the AiLab database {path}: {ex.Message}; pass --db with a writable path", ex);
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm" })
                File.Delete(leftover);
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = pooling,
            ForeignKeys = true,
        }.ToString();

    /// <summary>What the file keeps: write-ahead logging.</summary>
    private static void ConfigureFile(SqliteConnection connection, string path)
    {
        // busy_timeout first: switching to WAL needs a moment of exclusive access when another process has the file
        // open.
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StorageException(
                $"cannot switch {path} to write-ahead logging (journal_mode stayed '{mode}'); "
                + "is it on a network file system?");
    }

    /// <summary>What each connection needs (pragmas are per connection; a pooled one keeps them, and setting them
    /// again is cheap).</summary>
    private static void Configure(SqliteConnection connection, bool writable)
    {
        // FULL: a commit fsyncs the WAL, so a trial that AddTrialAsync returned from survives a power loss.
        Execute(connection, writable
            ? $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = FULL;"
            : $"PRAGMA busy_timeout = {BusyTimeoutMs};");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
