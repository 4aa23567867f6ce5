using Npgsql;

namespace AiLab.Storage.Tests.Contract;

/// <summary>A new schema of its own in the PostgreSQL database named by <c>AILAB_TEST_POSTGRES</c>, dropped at the
/// end. Without that variable the test fails and says how to start a server: a store suite that silently skipped
/// PostgreSQL would pass without testing it.</summary>
public sealed class PostgresBackend : StoreBackend
{
    /// <summary>The variable scripts/test.sh sets from scripts/start-postgres.sh.</summary>
    public const string Variable = "AILAB_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _schema = $"t_{Guid.NewGuid():N}";

    /// <summary>Creates the test's schema.</summary>
    /// <exception cref="InvalidOperationException">AILAB_TEST_POSTGRES is not set.</exception>
    public PostgresBackend()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL store cannot be tested. Start a local server and set it: "
                + $"export {Variable}=\"$(sudo ./scripts/start-postgres.sh)\" (scripts/test.sh does both)");
        Execute($"CREATE SCHEMA {_schema};");
    }

    /// <inheritdoc />
    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;

    /// <inheritdoc />
    public override void Dispose()
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
