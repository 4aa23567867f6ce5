using Npgsql;

namespace AiLab.Testing;

/// <summary>A fresh schema of its own in the PostgreSQL database named by <c>AILAB_TEST_POSTGRES</c>, dropped at the
/// end. Without the variable the test fails and says how to start a server: a silently skipped PostgreSQL case would
/// pass without testing anything.</summary>
public sealed class PostgresSchema : IDisposable
{
    private const string Variable = "AILAB_TEST_POSTGRES";
    private readonly string _server;
    private readonly string _schema;

    /// <summary>Creates a schema named <paramref name="prefix"/> and a fresh GUID.</summary>
    /// <exception cref="InvalidOperationException">AILAB_TEST_POSTGRES is not set.</exception>
    public PostgresSchema(string prefix = "t")
    {
        _schema = $"{prefix}_{Guid.NewGuid():N}";
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the server cannot be tested on PostgreSQL. "
                + "Start a local server and set it: "
                + $"export {Variable}=\"$(sudo ./scripts/start-postgres.sh)\" (scripts/test.sh does both)");
        Execute($"CREATE SCHEMA {_schema};");
    }

    /// <summary>The store connection string (Npgsql keywords with the schema as search path).</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;

    /// <inheritdoc />
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
