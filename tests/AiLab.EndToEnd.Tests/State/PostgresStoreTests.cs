using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;
using Npgsql;

namespace AiLab.EndToEnd.Tests.State;

/// <summary>The real CLI with <c>--store</c> naming a PostgreSQL database (the server in <c>AILAB_TEST_POSTGRES</c>,
/// a schema of this test's own): <c>ab</c> writes the experiment there, <c>list</c> and <c>show</c> read it back,
/// and no SQLite file appears.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly string _server;
    private readonly string _schema = $"e2e_{Guid.NewGuid():N}";

    public PostgresStoreTests()
    {
        _server = Environment.GetEnvironmentVariable("AILAB_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AILAB_TEST_POSTGRES is not set, so ailab cannot be tested against PostgreSQL. Start a local server "
                + "and set it: export AILAB_TEST_POSTGRES=\"$(sudo ./scripts/start-postgres.sh)\" "
                + "(scripts/test.sh does both)");
        Execute($"CREATE SCHEMA {_schema};");
    }

    private string Store => new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
    }

    [Fact]
    public void AbListShow_StoreIsPostgres_WritesThereAndReadsItBack()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);

        var ab = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=0", "--run", $"{Workloads.Python} phased.py",
            "--trials", "4", "--warmup", "0", "--no-confirm", "--json", "--store", Store).AssertExit(0);
        var id = ab.Json().Id();

        Assert.Contains($"PostgreSQL database {new NpgsqlConnectionStringBuilder(_server).Database}", ab.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Password", ab.Stderr, StringComparison.OrdinalIgnoreCase);
        var listed = sandbox.Ailab("list", "--json", "--store", Store).AssertExit(0).Json();
        Assert.Equal(id, Assert.Single(listed.GetProperty("experiments").EnumerateArray()).Id());
        var shown = sandbox.Ailab("show", id, "--json", "--trials", "--db", Store).AssertExit(0).Json();
        Assert.Equal("completed", shown.Str("status"));
        Assert.Equal((8, 0, 0), shown.TrialCounts());
        Assert.Equal(8L, Scalar($"SELECT count(*) FROM {_schema}.trials WHERE experiment_id = '{id}';"));
        Assert.False(File.Exists(Path.Combine(sandbox.Home, "ailab.db")), "the SQLite default was used as well");
    }

    [Fact]
    public void List_UnreachableServer_ExitsOneNamingItWithoutThePassword()
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("list", "--store", "postgres://ailab:s3cret@127.0.0.1:1/nowhere");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("127.0.0.1:1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
