using AiLab.Core.Capacity;
using AiLab.Core.Trials;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

public sealed class CapacityStorageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TrialCosts_StoppedAndCompletedTrials_ReadBackWithTierWorkflowAndTails()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1") with { Tier = CapacityTier.Calibration });
        var completed = Samples.Trial(FailureKind.None, 0) with { MarksReached = new MarksReached(1900, CpuMs: 1000) };
        var stopped = Samples.Trial(FailureKind.None, 1) with
        {
            Stop = new TrialStop("first_batch", 1880, Forced: false), Reason = TrialStop.Reason,
            MarksReached = new MarksReached(1875, CpuMs: 2400), GpuMs = 2501.25,
        };
        store.AddTrial(new("ab-1", 0, "A", true, completed));
        store.AddTrial(new("ab-1", 1, "B", false, stopped));
        store.AddTrial(new("ab-1", 2, "A", false, Samples.Trial(FailureKind.NonZeroExit, 2)));

        var costs = store.TrialCosts(null);

        Assert.Equal([0, 1, 2], costs.Select(c => c.Sequence));
        Assert.All(costs, c => Assert.Equal(("mnist", CapacityTier.Calibration), (c.Workflow, c.Tier)));
        Assert.Equal((2100.5 + 310.25) / 1e3, costs[0].CpuSeconds, 9);
        Assert.Equal(2.50025, costs[0].WallSeconds, 9);
        Assert.True(costs[0].IsWarmup);
        Assert.Null(costs[0].StoppedAfter);
        Assert.Equal((2410.75 - 1000) / 1e3, costs[0].CpuAfterMarksSeconds!.Value, 9);
        Assert.Equal((2500.25 - 1900) / 1e3, costs[0].WallAfterMarksSeconds!.Value, 9);
        Assert.Equal("first_batch", costs[1].StoppedAfter);
        Assert.Equal(2.50125, costs[1].GpuSeconds, 9);
        Assert.Equal((2410.75 - 2400) / 1e3, costs[1].CpuAfterMarksSeconds!.Value, 9);
        Assert.False(costs[2].Succeeded);
        Assert.Null(costs[2].CpuAfterMarksSeconds);
    }

    [Fact]
    public void TrialCosts_Since_LeavesOutEarlierTrialsWhateverTheirOffset()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1"));
        for (var i = 0; i < 3; i++)
            store.AddTrial(new("ab-1", i, "A", false, Samples.Trial(FailureKind.None, i)));

        // Samples.Trial starts trial i at 09:16:00 UTC + i seconds.
        var since = new DateTimeOffset(2026, 11, 23, 11, 16, 1, TimeSpan.FromHours(2));

        Assert.Equal([1, 2], store.TrialCosts(since).Select(c => c.Sequence));
    }

    [Fact]
    public void Open_DatabaseBeforeTheCapacityStep_BackfillsWorkflowAndCountsItAdHoc()
    {
        var path = _temp.File("lab.db");
        var before = SchemaMigrations.All.TakeWhile(m => m.Description != "capacity").ToList();
        using (var old = new SqliteExperimentStore(path, before))
        {
            old.Create(Samples.Experiment("ab-old"));
            old.AddTrial(new("ab-old", 0, "A", false, Samples.Trial(FailureKind.None, 0)));
        }

        using var store = new SqliteExperimentStore(path);
        var cost = Assert.Single(store.TrialCosts(null));

        Assert.Equal("mnist", cost.Workflow);
        Assert.Equal(CapacityTier.AdHoc, cost.Tier);
        Assert.Null(cost.StoppedAfter);
        Assert.Equal(0, cost.GpuSeconds);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tier FROM experiments;";
        Assert.Equal("adhoc", command.ExecuteScalar());
    }
}
