using AiLab.Core.Footprints;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The footprint store's part of the contract (schema step 7), on both engines.</summary>
public abstract partial class StoreContractTests
{
    private IFootprintStore Footprints => _stores.Footprints;

    [Fact]
    public async Task FootprintSave_ThenFindAndLatest_RoundTripPerWorkflowAndRevisionReplacingTheSameRevision()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
        await Footprints.SaveAsync(Print("aaa", t0, "train.py"));
        await Footprints.SaveAsync(Print("bbb", t0.AddMinutes(1), "train.py", "pkg/core.py"));
        await Footprints.SaveAsync(Print("aaa", t0.AddMinutes(2), "train.py", "pkg/a.py"));

        Assert.Equal(["train.py", "pkg/a.py"], (await Footprints.FindAsync("train", "aaa"))!.Files);
        Assert.Equal("aaa", (await Footprints.LatestAsync("train"))!.Revision);
        Assert.Equal(["lib/**"], (await Footprints.LatestAsync("train"))!.Globs);
        Assert.Null(await Footprints.FindAsync("train", "ccc"));
        Assert.Null(await Footprints.LatestAsync("other"));
    }

    [Fact]
    public async Task FootprintAddOutcome_Several_ReadBackOldestFirst()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        await Footprints.AddOutcomeAsync(new ChangeOutcome("a", ["x.py"], true, "ab-1", t0.AddSeconds(2)));
        await Footprints.AddOutcomeAsync(new ChangeOutcome("b", ["y.py", "z.py"], false, null, t0.AddSeconds(1)));

        var outcomes = await Footprints.OutcomesAsync();

        Assert.Equal(["b", "a"], outcomes.Select(o => o.Workflow));
        Assert.Equal(["y.py", "z.py"], outcomes[0].Paths);
        Assert.True(outcomes[1].Regressed);
        Assert.Equal("ab-1", outcomes[1].ExperimentId);
    }

    private static Footprint Print(string revision, DateTimeOffset at, params string[] files) => new()
    {
        Workflow = "train", Revision = revision, Files = files, Globs = ["lib/**"], Modules = ["json", "torch"],
        RecordedAt = at,
    };
}
