using System.Diagnostics;
using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Bench.Storage;

/// <summary><c>ailab-bench store-load</c>: fills SQLite and PostgreSQL with W workflows and T trials (A/B experiments
/// of 20 measured trials) through the stores' own API, batched, and times the inserts and the query a dashboard's
/// home page needs: for each workflow, the median TTFB of each of its R most recent experiments.</summary>
internal sealed class StoreLoadCommand : IBenchCommand
{
    private const int TrialsPerExperiment = 20;

    public string Name => "store-load";

    public string Description =>
        "insert W workflows / T trials into SQLite and PostgreSQL, time inserts and the dashboard home query";

    public int Run(IReadOnlyList<string> args)
    {
        var workflows = Option(args, "--workflows", 1000);
        var trials = Option(args, "--trials", 1_000_000);
        var batch = Option(args, "--batch", 2000);
        var recent = Option(args, "--recent", 10);
        var postgres = Value(args, "--postgres") ?? Environment.GetEnvironmentVariable("AILAB_TEST_POSTGRES");
        var dir = Directory.CreateTempSubdirectory("ailab-store-load-");
        var stores = new List<(string Name, string ConnectionString)> { ("SQLite", Path.Combine(dir.FullName, "lab.db")) };
        if (postgres is not null) stores.Add(("PostgreSQL", WithFreshSchema(postgres)));
        else Console.Error.WriteLine("store-load: no --postgres and no AILAB_TEST_POSTGRES: SQLite only");

        Console.WriteLine($"store-load: {workflows} workflows, {trials} trials ({trials / TrialsPerExperiment} "
            + $"experiments of {TrialsPerExperiment}), batches of {batch}, dashboard over the {recent} newest per workflow");
        Console.WriteLine("| store | experiments/s | trials/s (batched) | home query median ms (5 runs) | rows read |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, connection) in stores)
        {
            var (experimentsPerSecond, trialsPerSecond) = Fill(connection, workflows, trials, batch);
            var (medianMs, rows) = TimeHomeQuery(name, connection, recent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {experimentsPerSecond:0} | {trialsPerSecond:0} | {medianMs:0.0} | {rows} |"));
        }

        dir.Delete(recursive: true);
        return 0;
    }

    private static (double ExperimentsPerSecond, double TrialsPerSecond) Fill(
        string connectionString, int workflows, int trials, int batch)
    {
        using var stores = StoreFactory.Open(connectionString);
        var experiments = trials / TrialsPerExperiment;
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>(experiments);
        for (var e = 0; e < experiments; e++)
        {
            var experiment = Experiment(e, e % workflows, t0.AddMinutes(e));
            stores.Experiments.CreateAsync(experiment).GetAwaiter().GetResult();
            ids.Add(experiment.Id);
        }

        var experimentsPerSecond = experiments / clock.Elapsed.TotalSeconds;
        var random = new Random(1);
        clock.Restart();
        var pending = new List<TrialRecord>(batch);
        foreach (var id in ids)
        {
            for (var s = 0; s < TrialsPerExperiment; s++)
            {
                pending.Add(new TrialRecord(id, s, s % 2 == 0 ? "A" : "B", false, Trial(t0, s, random)));
                if (pending.Count < batch) continue;
                stores.Experiments.AddTrialsAsync(pending).GetAwaiter().GetResult();
                pending.Clear();
            }
        }

        if (pending.Count > 0) stores.Experiments.AddTrialsAsync(pending).GetAwaiter().GetResult();
        return (experimentsPerSecond, (double)experiments * TrialsPerExperiment / clock.Elapsed.TotalSeconds);
    }

    /// <summary>The home page's data: per workflow, its newest experiments and their measured TTFB values (the
    /// medians are computed here, as a page would).</summary>
    private static (double MedianMs, int Rows) TimeHomeQuery(string engine, string connectionString, int recent)
    {
        var location = StoreLocation.Parse(connectionString);
        var workflow = location.Kind == StoreKind.Sqlite ? "json_extract(spec, '$.workflow.name')" : "(spec::json)->'workflow'->>'name'";
        var sql = $"""
            WITH ranked AS (
                SELECT id, {workflow} AS workflow,
                       row_number() OVER (PARTITION BY {workflow} ORDER BY created_utc_ticks DESC) AS rn
                FROM experiments)
            SELECT r.workflow, r.id, t.ttfb_ms FROM ranked r JOIN trials t ON t.experiment_id = r.id
            WHERE r.rn <= {recent} AND t.ttfb_ms IS NOT NULL;
            """;
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var values = new Dictionary<(string, string), List<double>>();
            using (var connection = Connect(location))
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                rows = 0;
                while (reader.Read())
                {
                    rows++;
                    var key = (reader.GetString(0), reader.GetString(1));
                    if (!values.TryGetValue(key, out var list)) values[key] = list = [];
                    list.Add(reader.GetDouble(2));
                }
            }

            var medians = values.ToDictionary(v => v.Key, v => Median(v.Value));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (medians.Count == 0) throw new InvalidOperationException($"{engine}: the home query found nothing");
        }

        return (Median(times), rows);
    }

    private static System.Data.Common.DbConnection Connect(StoreLocation location)
    {
        System.Data.Common.DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Mode=ReadOnly")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        return connection;
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

        Console.Error.WriteLine($"store-load: PostgreSQL schema {schema} (drop it with: DROP SCHEMA {schema} CASCADE)");
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    private static Experiment Experiment(int index, int workflow, DateTimeOffset at) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"ab-load-{index:D7}"),
        Kind = ExperimentKind.AB,
        CreatedAt = at,
        Workflow = new WorkflowSpec
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"wf-{workflow:D4}"), Run = "python3 train.py",
        },
        WorkingDirectory = "/srv/work",
        Variants = [new Variant("A", "main", new Dictionary<string, string>()),
            new Variant("B", "HEAD", new Dictionary<string, string>())],
        TrialsPerVariant = TrialsPerExperiment / 2,
        WarmupPerVariant = 0,
        Seed = index,
        Status = ExperimentStatus.Completed,
    };

    private static TrialResult Trial(DateTimeOffset t0, int sequence, Random random) => new()
    {
        Status = TrialStatus.Succeeded,
        StartedAt = t0.AddSeconds(sequence),
        ExitCode = 0,
        WallMs = 2500 + (random.NextDouble() * 100),
        TtfbMs = 1800 + (random.NextDouble() * 100),
        Resources = new ResourceUsage(2100, 300, 512L * 1024 * 1024),
    };

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }
}
