using AiLab.Core.Experiments.Leases;
using AiLab.Storage;
using AiLab.Storage.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>The leases of schema step 4: one holder per experiment, replaced only when the caller says it may be.</summary>
public sealed class LeaseStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TryAcquire_NoLease_StoresItForEveryConnection()
    {
        var path = _temp.File("lab.db");
        using var store = new SqliteExperimentStore(path);
        store.Create(Samples.Experiment("ab-1"));

        Assert.Null(store.TryAcquire(Lease("ab-1", "t1", pid: 10), _ => false));

        using var other = new SqliteExperimentStore(path, StoreAccess.ReadOnly);
        Assert.Equal(Lease("ab-1", "t1", pid: 10), other.GetLease("ab-1"));
    }

    [Fact]
    public void TryAcquire_HeldAndNotToBeTakenOver_ReturnsTheHolderAndKeepsIt()
    {
        var path = _temp.File("lab.db");
        using var first = new SqliteExperimentStore(path);
        using var second = new SqliteExperimentStore(path);
        first.Create(Samples.Experiment("ab-1"));
        first.TryAcquire(Lease("ab-1", "t1", pid: 10), _ => false);

        var blocking = second.TryAcquire(Lease("ab-1", "t2", pid: 20), _ => false);

        Assert.Equal(10, blocking?.Holder.Pid);
        Assert.Equal("t1", first.GetLease("ab-1")?.Token);
    }

    [Fact]
    public void TryAcquire_HolderGone_TakesOverAndTheOldTokenCanNeitherRenewNorRelease()
    {
        var path = _temp.File("lab.db");
        using var store = new SqliteExperimentStore(path);
        store.Create(Samples.Experiment("ab-1"));
        store.TryAcquire(Lease("ab-1", "t1", pid: 10), _ => false);

        Assert.Null(store.TryAcquire(Lease("ab-1", "t2", pid: 20), current => current.Holder.Pid == 10));

        Assert.False(store.Renew("ab-1", "t1", Now.AddSeconds(10), Now.AddSeconds(70)));
        store.Release("ab-1", "t1");
        Assert.Equal("t2", store.GetLease("ab-1")?.Token);
        Assert.True(store.Renew("ab-1", "t2", Now.AddSeconds(10), Now.AddSeconds(70)));
        Assert.Equal(Now.AddSeconds(70), store.GetLease("ab-1")?.ExpiresAt);
        store.Release("ab-1", "t2");
        Assert.Null(store.GetLease("ab-1"));
    }

    [Fact]
    public void TryAcquire_UnknownExperiment_Throws()
    {
        using var store = new SqliteExperimentStore(_temp.File("lab.db"));

        Assert.Throws<InvalidOperationException>(() => store.TryAcquire(Lease("nope", "t1", pid: 10), _ => true));
    }

    [Fact]
    public void TryAcquire_ManyThreadsWithTheirOwnConnections_ExactlyOneWins()
    {
        var path = _temp.File("lab.db");
        using (var setup = new SqliteExperimentStore(path))
            setup.Create(Samples.Experiment("ab-1"));

        var winners = 0;
        Parallel.For(0, 8, i =>
        {
            using var store = new SqliteExperimentStore(path);
            if (store.TryAcquire(Lease("ab-1", $"t{i}", pid: 100 + i), _ => false) is null)
                Interlocked.Increment(ref winners);
        });

        Assert.Equal(1, winners);
    }

    private static ExperimentLease Lease(string id, string token, int pid) =>
        new(id, token, new LeaseHolder(pid, "host-1", "boot-1", 12345), Now, Now, Now.AddSeconds(60));
}
