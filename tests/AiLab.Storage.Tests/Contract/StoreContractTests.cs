using AiLab.Core.Experiments;
using AiLab.Core.Trials;

namespace AiLab.Storage.Tests.Contract;

/// <summary>What every store must do, whatever its engine: one suite, run against SQLite and a real PostgreSQL
/// server by its two subclasses. Each test gets an empty database of its own.</summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly StoreBackend _backend;
    private readonly LabStores _stores;

    protected StoreContractTests()
    {
        _backend = CreateBackend();
        try
        {
            _stores = _backend.Open();
        }
        catch
        {
            _backend.Dispose();
            throw;
        }
    }

    private IExperimentStore Experiments => _stores.Experiments;

    public void Dispose()
    {
        _stores.Dispose();
        _backend.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The engine under test.</summary>
    protected abstract StoreBackend CreateBackend();

    [Fact]
    public async Task Create_ThenFind_RoundTripsEveryMember()
    {
        var experiment = Samples.Experiment("ab-1") with { Verdict = Samples.Verdict() };

        await Experiments.CreateAsync(experiment);
        var found = await Experiments.FindAsync("ab-1");

        Assert.NotNull(found);
        Assert.Equal(
            AiLab.Storage.Serialization.StorageJson.Serialize(experiment), AiLab.Storage.Serialization.StorageJson.Serialize(found));
    }

    [Fact]
    public async Task Update_WithAProfile_KeepsItsFindingsAndFilesInTheDocument()
    {
        var experiment = Samples.Experiment("ab-1") with { Verdict = Samples.Verdict() };
        await Experiments.CreateAsync(experiment);
        Assert.Null((await Experiments.FindAsync("ab-1"))!.Profile);
        var profile = new ExperimentProfile(
            [new ExperimentProfileFinding("+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key",
                ["repr", "features.memoize_key"], "preprocessing", 96.1, 22.3)],
            "/h/profiles/ab-1", "/h/profiles/ab-1/flamegraph.html", "/h/profiles/ab-1/diff.json",
            "/h/profiles/ab-1/profiles.speedscope.json", 1.5);

        await Experiments.UpdateAsync(experiment with { Profile = profile });
        var read = (await Experiments.FindAsync("ab-1"))!;

        Assert.Equal(profile.Findings.Single() with { Path = read.Profile!.Findings.Single().Path },
            read.Profile.Findings.Single());
        Assert.Equal(profile.Findings[0].Path, read.Profile.Findings[0].Path);
        Assert.Equal(profile with { Findings = read.Profile.Findings }, read.Profile);
        Assert.Equal(experiment.Verdict!.Overall, read.Verdict!.Overall);
    }

    [Fact]
    public async Task Find_ExactIdOrUniquePrefix_FindsItAndAnAmbiguousPrefixThrows()
    {
        foreach (var id in new[] { "ab-1", "ab-10", "ab-2" })
            await Experiments.CreateAsync(Samples.Experiment(id));

        Assert.Equal("ab-1", (await Experiments.FindAsync("ab-1"))?.Id);
        Assert.Equal("ab-2", (await Experiments.FindAsync("ab-2"))?.Id);
        Assert.Null(await Experiments.FindAsync("run-"));
        var ex = await Assert.ThrowsAsync<AmbiguousIdException>(() => Experiments.FindAsync("ab-"));
        Assert.Contains("ab-10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NewestFirstAndLimited()
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(2));
        await Experiments.CreateAsync(Samples.Experiment("ab-old", t0));
        await Experiments.CreateAsync(Samples.Experiment("ab-new", t0.AddMinutes(5)));
        await Experiments.CreateAsync(Samples.Experiment("ab-mid", t0.AddMinutes(2).ToOffset(TimeSpan.Zero)));

        var listed = await Experiments.ListAsync(2);

        Assert.Equal(["ab-new", "ab-mid"], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task Create_ExistingId_ThrowsAndKeepsTheFirst()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Experiments.CreateAsync(Samples.Experiment("ab-1") with { Seed = 99 }));

        Assert.NotEqual(99, (await Experiments.FindAsync("ab-1"))?.Seed);
    }

    [Fact]
    public async Task UpdateAndAddTrial_UnknownExperiment_ThrowInvalidOperation()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Experiments.UpdateAsync(Samples.Experiment("x")));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Experiments.AddTrialAsync(new TrialRecord("x", 0, "A", false, Samples.Trial(FailureKind.None, 0))));
    }

    [Fact]
    public async Task Update_ReplacesStatusVerdictAndSpec()
    {
        var experiment = Samples.Experiment("ab-1");
        await Experiments.CreateAsync(experiment);

        var updated = experiment with
        {
            Status = ExperimentStatus.Completed, StatusReason = "done", Verdict = Samples.Verdict(),
            TrialsPerVariant = experiment.TrialsPerVariant + 5,
        };
        await Experiments.UpdateAsync(updated);

        var found = await Experiments.FindAsync("ab-1");
        Assert.Equal(ExperimentStatus.Completed, found?.Status);
        Assert.Equal("done", found?.StatusReason);
        Assert.Equal(updated.TrialsPerVariant, found?.TrialsPerVariant);
        Assert.NotNull(found?.Verdict);
    }

    [Fact]
    public async Task AddTrial_InAnyOrderAndTwiceForASlot_ReadsBackInScheduleOrderWithTheLastWrite()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));
        foreach (var sequence in new[] { 2, 0, 1 })
        {
            var result = Samples.Trial(sequence == 1 ? FailureKind.Signaled : FailureKind.None, sequence);
            await Experiments.AddTrialAsync(new TrialRecord("ab-1", sequence, sequence % 2 == 0 ? "A" : "B", sequence == 0, result));
        }

        await Experiments.AddTrialAsync(new TrialRecord("ab-1", 1, "B", false, Samples.Trial(FailureKind.None, 7)));
        var trials = await Experiments.GetTrialsAsync("ab-1");

        Assert.Equal([0, 1, 2], trials.Select(t => t.Sequence));
        Assert.True(trials[0].IsWarmup);
        Assert.True(trials[1].Result.Succeeded);
        Assert.Equal(
            AiLab.Storage.Serialization.StorageJson.Serialize(Samples.Trial(FailureKind.None, 7)),
            AiLab.Storage.Serialization.StorageJson.Serialize(trials[1].Result));
    }

    [Fact]
    public async Task AddTrial_ManyAtOnceFromOneStore_StoresEveryOne()
    {
        // A connection per operation: concurrent writers neither queue behind one lock nor lose a row.
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Experiments.AddTrialAsync(
            new TrialRecord("ab-1", i, i % 2 == 0 ? "A" : "B", false, Samples.Trial(FailureKind.None, i))))));

        Assert.Equal(Enumerable.Range(0, 24), (await Experiments.GetTrialsAsync("ab-1")).Select(t => t.Sequence));
    }

    [Fact]
    public async Task AddTrials_ABatch_IsStoredWholeOrNotAtAll()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));
        var good = Enumerable.Range(0, 10)
            .Select(i => new TrialRecord("ab-1", i, "A", false, Samples.Trial(FailureKind.None, i))).ToList();

        await Experiments.AddTrialsAsync(good);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Experiments.AddTrialsAsync(
            [new TrialRecord("ab-1", 10, "B", false, Samples.Trial(FailureKind.None, 10)),
             new TrialRecord("missing", 0, "A", false, Samples.Trial(FailureKind.None, 0))]));

        Assert.Equal(Enumerable.Range(0, 10), (await Experiments.GetTrialsAsync("ab-1")).Select(t => t.Sequence));
    }

    [Fact]
    public async Task Stores_SecondOpenOfTheSameDatabase_SeesTheFirstsWrites()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));

        using var reader = _backend.Open(StoreAccess.ReadOnly);

        Assert.Equal("ab-1", Assert.Single(await reader.Experiments.ListAsync(10)).Id);
        Assert.Equal(_stores.SchemaVersion, reader.SchemaVersion);
    }

    [Fact]
    public async Task ReadOnlyOpen_Write_FailsWithAStorageError()
    {
        using var reader = _backend.Open(StoreAccess.ReadOnly);

        await Assert.ThrowsAsync<StorageException>(() => reader.Experiments.CreateAsync(Samples.Experiment("ab-1")));
    }

    [Fact]
    public async Task Cancelled_Operation_ThrowsOperationCanceledAndWritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Experiments.CreateAsync(Samples.Experiment("ab-1"), cancelled.Token));

        Assert.Empty(await Experiments.ListAsync(10));
    }
}
