using System.Globalization;
using Npgsql;

namespace AiLab.Bench.Storage;

/// <summary><c>ailab-bench store-load</c>: stores W workflows and T trials (A/B experiments of 20 trials with a
/// verdict) in SQLite and in PostgreSQL, starts the real server on each, and measures ingestion through the API and
/// the latency of the dashboard's home page and of an experiment page (median and p95). See docs/benchmarks.md.</summary>
internal sealed class StoreLoadCommand : IBenchCommand
{
    public string Name => "store-load";

    public string Description =>
        "store W workflows / T trials in SQLite and PostgreSQL; time API ingestion, home and experiment pages";

    public int Run(IReadOnlyList<string> args)
    {
        var workflows = Option(args, "--workflows", 1000);
        var trials = Option(args, "--trials", 1_000_000);
        var ingest = Option(args, "--ingest", 500);
        var requests = Option(args, "--requests", 30);
        var only = Value(args, "--only");
        var postgres = Value(args, "--postgres") ?? Environment.GetEnvironmentVariable("AILAB_TEST_POSTGRES");
        var experiments = trials / LoadSamples.TrialsPerExperiment;
        if (experiments < workflows)
        {
            Console.Error.WriteLine($"store-load: --trials {trials} gives fewer experiments than --workflows {workflows}");
            return 2;
        }

        var dir = Directory.CreateTempSubdirectory("ailab-store-load-");
        var stores = new List<(string Name, string ConnectionString)>();
        if (only is null or "sqlite") stores.Add(("SQLite", "sqlite:" + Path.Combine(dir.FullName, "lab.db")));
        if (only is null or "postgres")
        {
            if (postgres is null) Console.Error.WriteLine("store-load: no --postgres and no AILAB_TEST_POSTGRES: SQLite only");
            else stores.Add(("PostgreSQL", WithFreshSchema(postgres)));
        }

        Console.WriteLine($"store-load: {workflows} workflows, {experiments * LoadSamples.TrialsPerExperiment} trials "
            + $"({experiments} experiments of {LoadSamples.TrialsPerExperiment}) stored; {ingest} more experiments "
            + $"ingested through the API; {requests} timed requests per page");
        Console.WriteLine("| store | fill s | API ingest experiments/s | API ingest trials/s | home median ms "
            + "| home p95 ms | home KiB | experiment page median ms | experiment page p95 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, connection) in stores)
        {
            var fill = LoadFill.FillAsync(connection, experiments, workflows).GetAwaiter().GetResult();
            var f = LoadProbe.RunAsync(connection, experiments, workflows, ingest, requests).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {fill:0} | {f.IngestExperimentsPerSecond:0.0} | {f.IngestTrialsPerSecond:0} "
                + $"| {f.Home.MedianMs:0.0} | {f.Home.P95Ms:0.0} | {f.HomeBytes / 1024.0:0} "
                + $"| {f.ExperimentPage.MedianMs:0.0} | {f.ExperimentPage.P95Ms:0.0} |"));
        }

        dir.Delete(recursive: true);
        if (only is null or "postgres" && postgres is not null) DropSchema(postgres, stores[^1].ConnectionString);
        return 0;
    }

    private static string WithFreshSchema(string server)
    {
        var schema = $"load_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
            command.ExecuteNonQuery();
        }

        Console.Error.WriteLine($"store-load: PostgreSQL schema {schema}, dropped at the end (if the run stops "
            + $"early: DROP SCHEMA {schema} CASCADE)");
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops the run's schema: a million trials are a gigabyte the next run does not need.</summary>
    private static void DropSchema(string server, string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE;", connection);
        command.ExecuteNonQuery();
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }
}
