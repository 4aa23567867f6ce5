using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Experiments.Leases;
using AiLab.Lab.Tests.Support;
using AiLab.Storage.Sqlite;

namespace AiLab.Lab.Tests.Experiments.Leases;

/// <summary>One process at a time per experiment, against the real SQLite store; the processes are simulated by
/// probes that share one process table, and the clock is moved by hand.</summary>
public sealed class ExperimentLeasesTests : IDisposable
{
    private readonly LabHome _lab = new();
    private readonly HashSet<int> _alive = [1, 2];
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _lab.Dispose();

    [Fact]
    public void Acquire_WhileAnotherLiveProcessHoldsIt_ThrowsNamingTheHolderAndWritesNothing()
    {
        var experiment = Create();
        using var first = Leases(1).Acquire(experiment.Id);

        var ex = Assert.Throws<ExperimentBusyException>(() => Leases(2).Acquire(experiment.Id));

        Assert.Equal(1, ex.Lease.Holder.Pid);
        Assert.Contains("pid 1 on host-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(first.Lease.Token, _lab.Store.GetLease(experiment.Id)?.Token);
    }

    [Fact]
    public void Acquire_HolderDied_TakesOverAtOnce()
    {
        var experiment = Create();
        var dead = new FakeHolderProbe(1, _alive);
        _ = new ExperimentLeases(_lab.Store, dead, _time).Acquire(experiment.Id);
        dead.Kill();

        using var second = Leases(2).Acquire(experiment.Id);

        Assert.Equal(2, _lab.Store.GetLease(experiment.Id)?.Holder.Pid);
    }

    [Fact]
    public void Acquire_LeaseExpiredWithoutHeartbeat_TakesOver()
    {
        var experiment = Create();
        var silent = new ExperimentLeases(_lab.Store, new FakeHolderProbe(1, _alive), new ManualTimeProvider(_time.GetUtcNow()));
        _ = silent.Acquire(experiment.Id); // its clock never moves, so it never renews

        _time.Advance(ExperimentLeases.DefaultTimeToLive + TimeSpan.FromSeconds(1));
        using var second = Leases(2).Acquire(experiment.Id);

        Assert.Equal(2, _lab.Store.GetLease(experiment.Id)?.Holder.Pid);
    }

    [Fact]
    public void Heartbeat_KeepsTheLeaseBeyondItsFirstExpiry()
    {
        var experiment = Create();
        using var held = Leases(1).Acquire(experiment.Id);

        _time.Advance(ExperimentLeases.DefaultTimeToLive * 3);

        Assert.False(held.Lost);
        Assert.Throws<ExperimentBusyException>(() => Leases(2).Acquire(experiment.Id));
    }

    [Fact]
    public void Acquire_NestedInOneProcess_ReleasesOnlyWithTheLastUse()
    {
        var experiment = Create();
        var leases = Leases(1);
        var outer = leases.Acquire(experiment.Id);
        using (leases.Acquire(experiment.Id))
        {
        }

        Assert.NotNull(_lab.Store.GetLease(experiment.Id));
        outer.Dispose();
        Assert.Null(_lab.Store.GetLease(experiment.Id));
    }

    [Fact]
    public void Heartbeat_AfterTakeover_MarksTheLeaseLostSoItsHolderWritesNothingMore()
    {
        var experiment = Create();
        var slowClock = new ManualTimeProvider(_time.GetUtcNow());
        using var stale = new ExperimentLeases(_lab.Store, new FakeHolderProbe(1, _alive), slowClock).Acquire(experiment.Id);
        _time.Advance(ExperimentLeases.DefaultTimeToLive * 2);
        using var successor = Leases(2).Acquire(experiment.Id);

        slowClock.Advance(ExperimentLeases.DefaultTimeToLive);

        Assert.True(stale.Lost);
        var ex = Assert.Throws<ExperimentBusyException>(stale.ThrowIfLost);
        Assert.Equal(2, ex.Lease.Holder.Pid);
        Assert.Equal(successor.Lease.Token, _lab.Store.GetLease(experiment.Id)?.Token);
    }

    [Fact]
    public void Effective_RunningWithDeadOrNoHolder_ReadsAsInterruptedInTheDomainsWords()
    {
        var experiment = Create() with { Status = ExperimentStatus.Running };
        var leases = Leases(2);
        var deadHolder = new ExperimentLease(experiment.Id, "t", new FakeHolderProbe(9, _alive).Self, _time.GetUtcNow(), _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(1));

        var orphan = leases.Effective(experiment, deadHolder);
        var noLease = leases.Effective(experiment, null);

        Assert.Equal(ExperimentStatus.Interrupted, orphan.Status);
        Assert.Contains("pid 9 on host-1", orphan.StatusReason, StringComparison.Ordinal);
        // Front ends add how to resume.
        Assert.EndsWith("ended without finishing", orphan.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Interrupted, noLease.Status);
    }

    [Fact]
    public void Effective_RunningWithLiveHolder_StaysRunning()
    {
        var experiment = Create() with { Status = ExperimentStatus.Running };
        using var held = Leases(1).Acquire(experiment.Id);

        Assert.Equal(ExperimentStatus.Running, Leases(2).Effective(experiment, _lab.Store.GetLease(experiment.Id)).Status);
    }

    [Fact]
    public async Task RunAsync_AnotherProcessHoldsTheExperiment_RunsAndWritesNothing()
    {
        var experiment = Create();
        using var holder = Leases(1).Acquire(experiment.Id);
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);
        var runner = new ExperimentRunner(_lab.Store, executor, new FakeVariantPreparer(), _lab.Paths, Leases(2));

        await Assert.ThrowsAsync<ExperimentBusyException>(() => runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None));

        Assert.Empty(executor.Calls);
        Assert.Empty(_lab.Store.GetTrials(experiment.Id));
        Assert.Equal(experiment.Status, _lab.Store.Find(experiment.Id)!.Status);
    }

    [Fact]
    public async Task RunAsync_Completes_ReleasesTheLease()
    {
        var experiment = Create();
        var runner = new ExperimentRunner(_lab.Store, new FakeTrialExecutor(_lab.Store, experiment.Id), new FakeVariantPreparer(), _lab.Paths, Leases(1));

        var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Null(_lab.Store.GetLease(experiment.Id));
    }

    private ExperimentLeases Leases(int pid) => new(_lab.Store, new FakeHolderProbe(pid, _alive), _time);

    private Experiment Create()
    {
        var experiment = Trials.AbExperiment(
            trials: 3, warmup: 0, seed: 7, workingDirectory: _lab.Path, kind: ExperimentKind.AB,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" },
            envB: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" });
        _lab.Store.Create(experiment);
        return experiment;
    }
}
