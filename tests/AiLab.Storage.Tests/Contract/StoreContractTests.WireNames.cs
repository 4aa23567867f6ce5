using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Stats.Calibration;
using AiLab.Stats.Sequential;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using AiLab.Storage.Tests.Incidents;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Storage.Tests.Contract;

/// <summary>Enums stored by their wire names (schema step 12): the upgrade of documents written with camelCase
/// names, and reads that refuse a value that is no wire name, on both engines.</summary>
public abstract partial class StoreContractTests
{
    // The stores' JSON before step 12: the same options, but camelCase enum names.
    private static readonly JsonSerializerOptions CamelCaseEnums = CamelCaseOptions();

    private static readonly string[] ColumnMembers = ["id", "kind", "createdAt", "status", "statusReason", "verdict"];

    [Fact]
    public async Task Open_DatabaseOfStepTenWithCamelCaseEnums_ReadsEveryValueBackByItsWireName()
    {
        using var backend = CreateBackend();
        var experiment = OldSpellings();
        FailureKind[] failures =
            [FailureKind.SpawnFailed, FailureKind.NonZeroExit, FailureKind.TimedOut, FailureKind.NoFirstBatch,
             FailureKind.BuildFailed, FailureKind.None];
        var trials = failures.Select((f, i) => new TrialRecord("ab-old", i, "A", false, Samples.Trial(f, i))).ToList();
        var incident = IncidentSamples.Incident() with
        {
            Evidence = [new IncidentEvidence(EvidenceRole.Original, "ab-old", Verdict.NoChange, "inside ±2%")],
        };
        var calibration = CalibrationSamples.WithThreshold();
        using (var old = backend.Open([.. SchemaMigrations.All.Where(m => m.Version < 12)]))
        {
            // Today's store also moves step 13's per-workflow count; the table goes again with step 11's below.
            Execute(backend, "CREATE TABLE workflow_counts (workflow TEXT PRIMARY KEY, experiments BIGINT NOT NULL);");
            await old.Experiments.CreateAsync(experiment);
            await old.Experiments.AddTrialsAsync(trials);
            await old.Incidents.RecordAsync(incident);
            await old.Calibrations.AddAsync(calibration);
        }

        // Back to a database of step 10, every document as a store of then wrote it: step 11 fills the digests
        // from these documents, step 12 rewrites them.
        Execute(backend, "DROP TABLE experiment_digests;");
        Execute(backend, "DROP TABLE workflow_counts;");
        if (StoreLocation.Parse(backend.ConnectionString).Kind == StoreKind.Postgres)
            Execute(backend, "DROP INDEX experiments_by_id_bytes;");
        Execute(backend, "DELETE FROM schema_migrations WHERE version = 11;");
        Execute(backend, "UPDATE experiments SET spec = @a, verdict = @b;",
            ("a", OldSpec(experiment)), ("b", JsonSerializer.Serialize(experiment.Verdict, CamelCaseEnums)));
        foreach (var trial in trials)
        {
            Execute(backend, "UPDATE trials SET failure = @a, result = @b WHERE sequence = @s;",
                ("a", JsonNamingPolicy.CamelCase.ConvertName(trial.Result.Failure.ToString())),
                ("b", JsonSerializer.Serialize(trial.Result, CamelCaseEnums)), ("s", trial.Sequence));
        }

        Execute(backend, "UPDATE incidents SET document = @a;",
            ("a", JsonSerializer.Serialize(incident, CamelCaseEnums)));
        Execute(backend, "UPDATE calibrations SET document = @a;",
            ("a", JsonSerializer.Serialize(calibration, CamelCaseEnums)));
        var before = StoredText(backend);
        Assert.Contains("\"overall\":\"noChange\"", before, StringComparison.Ordinal);
        Assert.Contains("\"spending\":\"Pocock\"", before, StringComparison.Ordinal);

        using var upgraded = backend.Open();

        Assert.Equal(SchemaMigrations.All.Count, upgraded.SchemaVersion);
        Assert.Equal("no_change ad_hoc", Text(backend, "SELECT verdict || ' ' || tier FROM experiment_digests;"));
        Assert.Equal(StorageJson.Serialize(experiment),
            StorageJson.Serialize(await upgraded.Experiments.FindAsync("ab-old")));
        Assert.Equal(trials.Select(t => StorageJson.Serialize(t)),
            (await upgraded.Experiments.GetTrialsAsync("ab-old")).Select(t => StorageJson.Serialize(t)));
        Assert.Equal(StorageJson.Serialize(incident),
            StorageJson.Serialize(await upgraded.Incidents.FindAsync(incident.Id)));
        Assert.Equal(StorageJson.Serialize(calibration),
            StorageJson.Serialize(await upgraded.Calibrations.FindAsync(calibration.Id)));
        var after = StoredText(backend);
        var rewritten = 0;
        foreach (var (property, camel, wire) in Step012Renames)
        {
            Assert.DoesNotContain($"\"{property}\":\"{camel}\"", after, StringComparison.Ordinal);
            if (!before.Contains($"\"{property}\":\"{camel}\"", StringComparison.Ordinal)) continue;
            Assert.Contains($"\"{property}\":\"{wire}\"", after, StringComparison.Ordinal);
            rewritten++;
        }

        // Every one but the detector and the free-text O'Brien-Fleming the sample lacks.
        Assert.Equal(Step012Renames.Count - 2, rewritten);
        Assert.Equal(failures.Select(f => WireNames.Of(f)),
            trials.Select(t => Text(backend, $"SELECT failure FROM trials WHERE sequence = {t.Sequence};")));
    }

    [Fact]
    public async Task Find_DocumentWithAValueThatIsNoWireName_ThrowsStorageErrorNamingItAndTheValidOnes()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1") with { Verdict = Samples.Verdict() });
        Execute(_backend, "UPDATE experiments SET verdict = replace(verdict, @a, @b);",
            ("a", "\"overall\":\"regression\""), ("b", "\"overall\":\"worse\""));

        var e = await Assert.ThrowsAsync<StorageException>(() => Experiments.FindAsync("ab-1"));

        Assert.Contains("experiment 'ab-1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'worse' is not a Verdict", e.Message, StringComparison.Ordinal);
        Assert.Contains("no_change", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_IncidentWithACamelCaseLeftOver_ThrowsRatherThanGuessing()
    {
        var incident = IncidentSamples.Incident() with
        {
            Evidence = [new IncidentEvidence(EvidenceRole.Original, "ab-1", Verdict.NoChange, "inside ±2%")],
        };
        await _stores.Incidents.RecordAsync(incident);
        Execute(_backend, "UPDATE incidents SET document = replace(document, '\"no_change\"', '\"noChange\"');");

        var e = await Assert.ThrowsAsync<StorageException>(() => _stores.Incidents.FindAsync(incident.Id));

        Assert.Contains("'noChange' is not a Verdict", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step012_RenamesEveryMultiWordMemberToItsWireName()
    {
        Type[] stored = [typeof(Verdict), typeof(FailureKind), typeof(SpendingFunction), typeof(Detector),
            typeof(AiLab.Core.Capacity.CapacityTier)];
        var multiWord = stored.SelectMany(t => Enum.GetNames(t))
            .Select(n => (Camel: JsonNamingPolicy.CamelCase.ConvertName(n),
                Wire: JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))
            .Where(p => p.Camel != p.Wire).ToHashSet();

        var renames = Step012Renames.Select(r => (r.Old, r.New)).ToHashSet();
        Assert.Subset(renames, multiWord);
        Assert.All(Step012Renames, r => Assert.Equal(
            JsonNamingPolicy.SnakeCaseLower.ConvertName(JsonNamingPolicy.CamelCase.ConvertName(r.Old)), r.New));
    }

    private static IReadOnlyList<(string Property, string Old, string New)> Step012Renames =>
        AiLab.Storage.Schema.Steps.Step012WireNames.Renames;

    /// <summary>An experiment whose every multi-word enum value is set: tier, spending, verdicts.</summary>
    private static Experiment OldSpellings()
    {
        var sample = Samples.Experiment("ab-old");
        var verdict = Samples.Verdict();
        return sample with
        {
            Tier = AiLab.Core.Capacity.CapacityTier.AdHoc,
            Sequential = new SequentialPlan
            {
                Alpha = 0.01, Looks = [5, 10], EquivalenceMargin = 0.03, LogSd = 0.04, Source = "calibration",
                Spending = SpendingFunction.Pocock,
            },
            Extension = sample.Extension! with { Spending = SpendingFunction.OBrienFleming },
            Verdict = verdict with
            {
                Overall = Verdict.NoChange,
                Metrics = [verdict.Metrics[0] with { Verdict = Verdict.NoChange }, verdict.Metrics[1]],
                Confirmation = new ConfirmationResult
                {
                    ExperimentId = "ab-conf", Confirmed = false, Original = Verdict.NoChange,
                    Confirming = Verdict.NoChange, Reason = "no change either time",
                },
            },
        };
    }

    private static string OldSpec(Experiment experiment)
    {
        var spec = (JsonObject)JsonSerializer.SerializeToNode(experiment, CamelCaseEnums)!;
        foreach (var member in ColumnMembers)
            spec.Remove(member);
        // The sequential plan's spending was free text (nameof) before it was an enum.
        return spec.ToJsonString(CamelCaseEnums).Replace(
            "\"spending\":\"pocock\"", "\"spending\":\"Pocock\"", StringComparison.Ordinal);
    }

    private static JsonSerializerOptions CamelCaseOptions()
    {
        var options = new JsonSerializerOptions(StorageJson.Options);
        options.Converters.Clear();
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        Assert.DoesNotContain(options.Converters, c => c is WireNameJsonConverterFactory);
        return options;
    }

    private static DbConnection Connect(StoreBackend backend)
    {
        var location = StoreLocation.Parse(backend.ConnectionString);
        DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        return connection;
    }

    private static void Execute(StoreBackend backend, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Connect(backend);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    // Every stored document and failure column, as one text.
    private static string StoredText(StoreBackend backend) =>
        Text(backend, "SELECT spec || verdict FROM experiments;") + Text(backend, "SELECT document FROM incidents;")
        + Text(backend, "SELECT document FROM calibrations;")
        + string.Concat(Enumerable.Range(0, 6).Select(i =>
            Text(backend, $"SELECT result FROM trials WHERE sequence = {i};")));

    private static string Text(StoreBackend backend, string sql)
    {
        using var connection = Connect(backend);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
