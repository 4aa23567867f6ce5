using System.Data.Common;
using System.Text.Json;
using AiLab.Core.Experiments;
using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The experiment digests kept on write (schema step 11), their keyset pages, the exact-id check, prefix
/// lookups over an index range, and step 11's upgrade of a database with experiments, on both engines.</summary>
public abstract partial class StoreContractTests
{
    private static string DigestJson(ExperimentDigest digest) => JsonSerializer.Serialize(digest);

    // The sample verdict (TTFB, and an imports phase B never measured: NaN) plus a measured phase.
    private static ExperimentVerdict VerdictWithPhase()
    {
        var verdict = Samples.Verdict();
        return verdict with
        {
            Metrics =
            [
                .. verdict.Metrics,
                new MetricComparison
                {
                    Name = "phase:config_validation", Unit = MetricUnit.Milliseconds,
                    A = new SampleSummary(12, 300, 301, 2, 290, 310),
                    B = new SampleSummary(12, 450.5, 452, 3, 440, 460),
                    Verdict = Verdict.Regression, Reason = "p < 0.01",
                },
            ],
        };
    }

    [Fact]
    public async Task Create_WritesTheDigestOfTheExperiment()
    {
        var experiment = OfWorkflow("ab-d1", "resnet", 1) with { Verdict = VerdictWithPhase() };

        await Experiments.CreateAsync(experiment);
        var digests = await Experiments.DigestsAsync(null, 10);

        var digest = Assert.Single(digests);
        Assert.Equal(DigestJson(ExperimentDigest.Of(experiment)), DigestJson(digest));
        Assert.Equal(2021.7, digest.TtfbMedianB);
        Assert.Equal(8.1, digest.TtfbChangePct);
        Assert.Equal("regression", digest.Verdict);
        // The unmeasured (NaN) imports phase is left out; the measured one is kept.
        Assert.Equal([new DigestPhase("config_validation", 450.5)], digest.PhasesB);
    }

    [Fact]
    public async Task Update_ReplacesTheDigest()
    {
        var experiment = OfWorkflow("ab-d2", "resnet", 1);
        await Experiments.CreateAsync(experiment);
        var judged = experiment with { Status = ExperimentStatus.Completed, Verdict = Samples.Verdict() };

        await Experiments.UpdateAsync(judged);

        var digest = Assert.Single(await Experiments.DigestsAsync("resnet", 10));
        Assert.Equal(DigestJson(ExperimentDigest.Of(judged)), DigestJson(digest));
        Assert.NotNull(digest.Verdict);
    }

    [Fact]
    public async Task Digests_PagesNewestFirstByWorkflowWithoutRepeatsOrGaps()
    {
        for (var i = 0; i < 7; i++)
            await Experiments.CreateAsync(OfWorkflow($"ab-p{i}", i % 2 == 0 ? "resnet" : "bert", i));
        // Two at the same instant: the id orders them.
        await Experiments.CreateAsync(OfWorkflow("ab-p6b", "resnet", 6));

        var first = await Experiments.DigestsAsync("resnet", 2);
        var second = await Experiments.DigestsAsync("resnet", 2, first[^1].Id);
        var third = await Experiments.DigestsAsync("resnet", 2, second[^1].Id);
        var all = await Experiments.DigestsAsync(null, 100);

        Assert.Equal(["ab-p6b", "ab-p6"], first.Select(d => d.Id));
        Assert.Equal(["ab-p4", "ab-p2"], second.Select(d => d.Id));
        Assert.Equal(["ab-p0"], third.Select(d => d.Id));
        Assert.Equal(["ab-p6b", "ab-p6", "ab-p5", "ab-p4", "ab-p3", "ab-p2", "ab-p1", "ab-p0"], all.Select(d => d.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => Experiments.DigestsAsync("resnet", 2, "ab-p1"));
        await Assert.ThrowsAsync<ArgumentException>(() => Experiments.DigestsAsync(null, 2, "ab-none"));
    }

    [Fact]
    public async Task Exists_MatchesTheExactIdOnly()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-10"));

        Assert.True(await Experiments.ExistsAsync("ab-10"));
        Assert.False(await Experiments.ExistsAsync("ab-1"));
        Assert.False(await Experiments.ExistsAsync("ab-100"));
    }

    [Fact]
    public async Task Find_PrefixRange_KeepsPunctuationAndCaseApartAndReadsNonAscii()
    {
        // Ids a linguistic collation would interleave with the prefix's range (it ignores '-' and case at first).
        foreach (var id in new[] { "ab-1x", "ab1-y", "AB-1z", "ab-é1", "ab-" + char.ConvertFromUtf32(0x1F600) })
            await Experiments.CreateAsync(Samples.Experiment(id));

        Assert.Equal("ab-1x", (await Experiments.FindAsync("ab-1"))?.Id);
        Assert.Equal("ab1-y", (await Experiments.FindAsync("ab1"))?.Id);
        Assert.Equal("AB-1z", (await Experiments.FindAsync("AB"))?.Id);
        Assert.Equal("ab-é1", (await Experiments.FindAsync("ab-é"))?.Id);
        var ex = await Assert.ThrowsAsync<AmbiguousIdException>(() => Experiments.FindAsync("ab-"));
        Assert.Contains("ab-é1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ab-" + char.ConvertFromUtf32(0x1F600), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AB-1z", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ab1-y", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DatabaseOfStepTenWithExperiments_FillsTheirDigests()
    {
        using var backend = CreateBackend();
        IReadOnlyList<SchemaMigration> before = [.. SchemaMigrations.All.Where(m => m.Version < 11)];
        var judged = OfWorkflow("ab-old-1", "resnet", 1) with { Verdict = Samples.Verdict() };
        var running = OfWorkflow("ab-old-2", "bert", 2);
        using (var old = backend.Open(before))
        {
            Assert.Equal(10, old.SchemaVersion);
            InsertAsStepTen(backend, judged);
            InsertAsStepTen(backend, running);
        }

        using var upgraded = backend.Open();

        Assert.Equal(SchemaMigrations.All.Count, upgraded.SchemaVersion);
        var digests = await upgraded.Experiments.DigestsAsync(null, 10);
        Assert.Equal(
            [DigestJson(ExperimentDigest.Of(running)), DigestJson(ExperimentDigest.Of(judged))],
            digests.Select(DigestJson));
    }

    private static void InsertAsStepTen(StoreBackend backend, Experiment experiment)
    {
        var location = StoreLocation.Parse(backend.ConnectionString);
        using DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, spec, verdict, workflow)
            VALUES ('{experiment.Id}', '{StorageJson.EnumName(experiment.Kind)}', '{experiment.CreatedAt:O}',
                    {experiment.CreatedAt.UtcTicks}, '{StorageJson.EnumName(experiment.Status)}', @spec, @verdict,
                    '{experiment.Workflow.Name}');
            """;
        var spec = command.CreateParameter();
        spec.ParameterName = "spec";
        spec.Value = ExperimentDocuments.Spec(experiment);
        command.Parameters.Add(spec);
        var verdict = command.CreateParameter();
        verdict.ParameterName = "verdict";
        verdict.Value = experiment.Verdict is null ? DBNull.Value : StorageJson.Serialize(experiment.Verdict);
        command.Parameters.Add(verdict);
        command.ExecuteNonQuery();
    }
}
