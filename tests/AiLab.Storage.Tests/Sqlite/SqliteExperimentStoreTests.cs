using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Storage.Serialization;
using AiLab.Storage.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

public sealed class SqliteExperimentStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Find_AfterReopen_RoundTripsExperimentVerdictAndTrialsOfEveryFailureKind()
    {
        var path = _temp.File("lab.db");
        var experiment = Samples.Experiment("ab-20261123-091500-3f2a");
        var finished = experiment with { Status = ExperimentStatus.Completed, StatusReason = "all 24 trials ran", Verdict = Samples.Verdict() };
        var trials = Enum.GetValues<FailureKind>()
            .Select((kind, i) => new TrialRecord(experiment.Id, i, i % 2 == 0 ? "A" : "B", i == 0, Samples.Trial(kind, i)))
            .ToList();
        using (var store = new SqliteExperimentStore(path))
        {
            store.Create(experiment);
            foreach (var trial in trials.AsEnumerable().Reverse())
                store.AddTrial(trial);
            store.Update(finished);
        }

        using var reopened = new SqliteExperimentStore(path);
        var found = reopened.Find(experiment.Id);
        var foundTrials = reopened.GetTrials(experiment.Id);

        Assert.NotNull(found);
        Assert.Equal(StorageJson.Serialize(finished), StorageJson.Serialize(found));
        // Spot checks of what JSON tends to lose, in case both directions lost it alike.
        Assert.Equal(experiment.CreatedAt.Offset, found.CreatedAt.Offset);
        Assert.Equal(experiment.CreatedAt.Ticks, found.CreatedAt.Ticks);
        Assert.Equal(TimeSpan.FromSeconds(93.5), found.Workflow.Timeout);
        Assert.Equal("1", found.Variants[1].Environment["TORCH_LAZY"]);
        Assert.Equal(new string('b', 40), found.Commits["B"]);
        Assert.Equal(["imports", "config_validation"], found.Workflow.ExpectedPhases);
        Assert.True(double.IsNaN(found.Verdict!.Metrics[1].CiPct[0]));
        Assert.True(double.IsNaN(found.Verdict.Metrics[1].B.Median));
        Assert.Equal([6.0, 10.2], found.Verdict.Metrics[0].CiPct);
        Assert.Equal(finished.Verdict!.Notes, found.Verdict.Notes);

        Assert.Equal(trials.Count, foundTrials.Count);
        for (var i = 0; i < trials.Count; i++)
        {
            Assert.Equal(trials[i] with { Result = null! }, foundTrials[i] with { Result = null! });
            Assert.Equal(StorageJson.Serialize(trials[i].Result), StorageJson.Serialize(foundTrials[i].Result));
            Assert.Equal(trials[i].Result.Failure, foundTrials[i].Result.Failure);
        }

        Assert.Equal(trials[0].Result.Marks, foundTrials[0].Result.Marks);
        Assert.Equal(trials[0].Result.Phases, foundTrials[0].Result.Phases);
        Assert.Equal(trials[0].Result.Resources, foundTrials[0].Result.Resources);
    }

    [Fact]
    public void Find_UniquePrefix_ReturnsTheExperiment()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-20261123-aaaa"));
        store.Create(Samples.Experiment("ab-20261123-bbbb"));

        Assert.Equal("ab-20261123-bbbb", store.Find("ab-20261123-b")?.Id);
        Assert.Null(store.Find("ab-2027"));
        Assert.Null(store.Find("%")); // LIKE wildcards are not wildcards here
    }

    [Fact]
    public void Find_AmbiguousPrefix_ThrowsWithEveryMatch()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1-x"));
        store.Create(Samples.Experiment("ab-1-y"));
        store.Create(Samples.Experiment("ab-2-z"));

        var ex = Assert.Throws<AmbiguousIdException>(() => store.Find("ab-1"));

        Assert.Equal(["ab-1-x", "ab-1-y"], ex.Matches);
        Assert.Contains("ab-1-x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ExactIdThatPrefixesOthers_ReturnsTheExactOne()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1"));
        store.Create(Samples.Experiment("ab-10"));

        Assert.Equal("ab-1", store.Find("ab-1")?.Id);
    }

    [Fact]
    public void List_ExperimentsCreatedOutOfOrder_ReturnsNewestFirstUpToLimit()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        var t0 = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        store.Create(Samples.Experiment("middle", t0.AddHours(1)));
        // 10:30+02:00 is 08:30 UTC: the oldest, although its local time reads latest.
        store.Create(Samples.Experiment("oldest", new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.FromHours(2))));
        store.Create(Samples.Experiment("newest", t0.AddHours(2)));
        store.Create(Samples.Experiment("second", t0.AddHours(1).AddTicks(1)));

        Assert.Equal(["newest", "second"], store.List(2).Select(e => e.Id));
        Assert.Equal(["newest", "second", "middle", "oldest"], store.List(10).Select(e => e.Id));
        Assert.Empty(store.List(0));
    }

    [Fact]
    public void AddTrial_SameSequenceTwice_ReplacesTheTrial()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1"));

        store.AddTrial(new TrialRecord("ab-1", 3, "A", false, Samples.Trial(FailureKind.TimedOut, 3)));
        store.AddTrial(new TrialRecord("ab-1", 3, "B", false, Samples.Trial(FailureKind.None, 7)));

        var trial = Assert.Single(store.GetTrials("ab-1"));
        Assert.Equal("B", trial.Variant);
        Assert.Equal(1877.5, trial.Result.TtfbMs);
    }

    [Fact]
    public void AddTrial_WhileFirstStoreStaysOpen_IsVisibleToAnotherProcess()
    {
        var path = _temp.File("lab.db");
        using var writer = new SqliteExperimentStore(path);
        using var reader = new SqliteExperimentStore(path);
        writer.Create(Samples.Experiment("ab-1"));

        writer.AddTrial(new TrialRecord("ab-1", 0, "A", false, Samples.Trial(FailureKind.None, 0)));

        Assert.Equal(1870.5, Assert.Single(reader.GetTrials("ab-1")).Result.TtfbMs);
        // A separate process reads what the still-open store committed: the trial is in the file, not in our memory.
        var output = Shell.Run("/usr/bin/python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); " +
            "print(c.execute('PRAGMA journal_mode').fetchone()[0], *c.execute('SELECT sequence, failure, ttfb_ms FROM trials').fetchone())",
            path);
        Assert.Equal("wal 0 none 1870.5", output.Trim());
    }

    [Fact]
    public void AddTrial_UnknownExperiment_ThrowsNamingIt()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));

        var ex = Assert.Throws<InvalidOperationException>(
            () => store.AddTrial(new TrialRecord("nope", 0, "A", false, Samples.Trial(FailureKind.None, 0))));

        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DuplicateId_Throws()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        store.Create(Samples.Experiment("ab-1"));

        var ex = Assert.Throws<InvalidOperationException>(() => store.Create(Samples.Experiment("ab-1")));

        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_UnknownExperiment_Throws()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));

        Assert.Throws<InvalidOperationException>(() => store.Update(Samples.Experiment("ab-1")));
    }

    [Fact]
    public void Update_ClearsVerdict_StoresNull()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));
        var experiment = Samples.Experiment("ab-1") with { Verdict = Samples.Verdict() };
        store.Create(experiment);

        store.Update(experiment with { Verdict = null, Status = ExperimentStatus.Failed, StatusReason = "variant B failed to build" });

        var found = store.Find("ab-1")!;
        Assert.Null(found.Verdict);
        Assert.Equal(ExperimentStatus.Failed, found.Status);
        Assert.Equal("variant B failed to build", found.StatusReason);
    }
}
