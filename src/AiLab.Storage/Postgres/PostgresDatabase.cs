using System.Data.Common;
using AiLab.Storage.Schema;
using AiLab.Storage.Shared;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>A PostgreSQL database opened the way every AiLab store needs it: a pooled data source, the schema up to
/// date, and errors that name the database (never its password) and say what to do.</summary>
internal sealed class PostgresDatabase : IStoreDatabase, IDisposable
{
    private readonly NpgsqlDataSource _source;

    private PostgresDatabase(NpgsqlDataSource source, string display, int version)
    {
        _source = source;
        Display = display;
        SchemaVersion = version;
    }

    /// <summary>How messages name the database.</summary>
    public string Display { get; }

    /// <summary>The schema version after opening.</summary>
    public int SchemaVersion { get; }

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <summary>Connects to <paramref name="location"/> and brings its schema up to date.</summary>
    /// <remarks>Unlike a missing SQLite file, a PostgreSQL database exists before AiLab opens it, so even a reading
    /// command creates the tables of an empty one (as a reading command upgrades an older SQLite schema); its own
    /// sessions are then read-only (<c>default_transaction_read_only</c>).</remarks>
    /// <exception cref="StorageException">The server cannot be reached, refuses the login, or holds a newer
    /// schema.</exception>
    public static PostgresDatabase Open(
        StoreLocation location, IReadOnlyList<SchemaMigration> migrations, StoreAccess access)
    {
        ArgumentNullException.ThrowIfNull(location);
        var builder = new NpgsqlDataSourceBuilder(location.Target);
        var source = builder.Build();
        try
        {
            int version;
            using (var connection = source.OpenConnection())
                version = SchemaMigrator.Migrate(connection, SqlDialect.Postgres, migrations, location.Display);
            if (access == StoreAccess.ReadOnly)
            {
                source.Dispose();
                var readOnly = new NpgsqlConnectionStringBuilder(location.Target)
                {
                    Options = "-c default_transaction_read_only=on",
                };
                source = new NpgsqlDataSourceBuilder(readOnly.ConnectionString).Build();
            }

            return new PostgresDatabase(source, location.Display, version);
        }
        catch (NpgsqlException ex)
        {
            source.Dispose();
            throw Wrap(ex, location.Display);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="operation"/> on a pooled connection, turning server and network errors (but
    /// constraint violations, which the callers explain) into ones that name the database.</summary>
    public async Task<T> RunAsync<T>(
        Func<NpgsqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await operation(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            throw;
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Wrap(ex, Display);
        }
    }

    /// <summary>Runs <paramref name="operation"/>; see <see cref="RunAsync{T}"/>.</summary>
    public Task RunAsync(Func<NpgsqlConnection, CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync<bool>(async (connection, token) =>
        {
            await operation(connection, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    Task<T> IStoreDatabase.RunAsync<T>(
        Func<DbConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync<T>((connection, token) => operation(connection, token), cancellationToken);

    /// <summary>Closes the pool.</summary>
    public void Dispose() => _source.Dispose();

    private static StorageException Wrap(NpgsqlException ex, string display) => ex switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => new StorageException(
            $"{display} refused the login ({ex.Message}); check the user and password of the connection string", ex),
        PostgresException { SqlState: "3D000" } => new StorageException(
            $"{display} does not exist ({ex.Message}); create it (createdb) or name another database", ex),
        PostgresException { SqlState: "25006" } => new StorageException(
            $"cannot write to {display}: this command opened it read-only ({ex.Message})", ex),
        PostgresException pg => new StorageException($"{display} failed: {pg.MessageText} (SQLSTATE {pg.SqlState})", ex),
        _ => new StorageException(
            $"cannot reach {display} ({ex.Message}); is the server running and the host and port right? "
            + "(a local test server: scripts/start-postgres.sh)", ex),
    };
}
