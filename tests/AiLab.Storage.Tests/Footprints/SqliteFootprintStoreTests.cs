using AiLab.Core.Footprints;
using AiLab.Storage.Sqlite;

namespace AiLab.Storage.Tests.Footprints;

public sealed class SqliteFootprintStoreTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static Footprint Print(string revision, DateTimeOffset at, params string[] files) => new()
    {
        Workflow = "train", Revision = revision, Files = files, Globs = ["lib/**"], Modules = ["json", "torch"],
        RecordedAt = at,
    };

    [Fact]
    public void Save_ThenFindAndLatest_RoundTripPerWorkflowAndRevisionReplacingTheSameRevision()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
        using (var store = new SqliteFootprintStore(dir.File("lab.db")))
        {
            store.Save(Print("aaa", t0, "train.py"));
            store.Save(Print("bbb", t0.AddMinutes(1), "train.py", "pkg/core.py"));
            store.Save(Print("aaa", t0.AddMinutes(2), "train.py", "pkg/a.py"));
        }

        using var reopened = new SqliteFootprintStore(dir.File("lab.db"));
        Assert.Equal(["train.py", "pkg/a.py"], reopened.Find("train", "aaa")!.Files);
        Assert.Equal("aaa", reopened.Latest("train")!.Revision);
        Assert.Equal(["lib/**"], reopened.Latest("train")!.Globs);
        Assert.Null(reopened.Find("train", "ccc"));
        Assert.Null(reopened.Latest("other"));
    }

    [Fact]
    public void AddOutcome_Several_ReadBackOldestFirst()
    {
        using var store = new SqliteFootprintStore(dir.File("lab.db"));
        var t0 = DateTimeOffset.UnixEpoch;
        store.AddOutcome(new ChangeOutcome("a", ["x.py"], true, "ab-1", t0.AddSeconds(2)));
        store.AddOutcome(new ChangeOutcome("b", ["y.py", "z.py"], false, null, t0.AddSeconds(1)));

        var outcomes = store.Outcomes();

        Assert.Equal(["b", "a"], outcomes.Select(o => o.Workflow));
        Assert.Equal(["y.py", "z.py"], outcomes[0].Paths);
        Assert.True(outcomes[1].Regressed);
        Assert.Equal("ab-1", outcomes[1].ExperimentId);
    }
}
