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
    public async Task Acquire_WhileAnotherLiveProcessHoldsIt_ThrowsNamingTheHolderAndWritesNothing()
    {
        var experiment = Create();
        await using var first = await Leases(1).AcquireAsync(experiment.Id);

        var ex = await Assert.ThrowsAsync<ExperimentBusyException>(() => Leases(2).AcquireAsync(experiment.Id));

        Assert.Equal(1, ex.Lease.Holder.Pid);
        Assert.Contains("pid 1 on host-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(first.Lease.Token, _lab.Store.GetLease(experiment.Id)?.Token);
    }

    [Fact]
    public async Task Acquire_HolderDied_TakesOverAtOnce()
    {
        var experiment = Create();
        var dead = new FakeHolderProbe(1, _alive);
        _ = await new ExperimentLeases(_lab.Store, dead, _time).AcquireAsync(experiment.Id);
        dead.Kill();

        await using var second = await Leases(2).AcquireAsync(experiment.Id);

        Assert.Equal(2, _lab.Store.GetLease(experiment.Id)?.Holder.Pid);
    }

    [Fact]
    public async Task Acquire_LeaseExpiredWithoutHeartbeat_TakesOver()
    {
        var experiment = Create();
        var silent = new ExperimentLeases(_lab.Store, new FakeHolderProbe(1, _alive), new ManualTimeProvider(_time.GetUtcNow()));
        _ = await silent.AcquireAsync(experiment.Id); // its clock never moves, so it never renews

        _time.Advance(ExperimentLeases.DefaultTimeToLive + TimeSpan.FromSeconds(1));
        await using var second = await Leases(2).AcquireAsync(experiment.Id);

        Assert.Equal(2, _lab.Store.GetLease(experiment.Id)?.Holder.Pid);
    }

    [Fact]
    public async Task Heartbeat_KeepsTheLeaseBeyondItsFirstExpiry()
    {
        var experiment = Create();
        await using var held = await Leases(1).AcquireAsync(experiment.Id);

        _time.Advance(ExperimentLeases.DefaultTimeToLive * 3);

        Assert.False(held.Lost);
        await Assert.ThrowsAsync<ExperimentBusyException>(() => Leases(2).AcquireAsync(experiment.Id));
    }

    [Fact]
    public async Task Acquire_NestedInOneProcess_ReleasesOnlyWithTheLastUse()
    {
        var experiment = Create();
        var leases = Leases(1);
        var outer = await leases.AcquireAsync(experiment.Id);
        await using (await leases.AcquireAsync(experiment.Id))
        {
        }

        Assert.NotNull(_lab.Store.GetLease(experiment.Id));
        await outer.DisposeAsync();
        Assert.Null(_lab.Store.GetLease(experiment.Id));
    }

    [Fact]
    public async Task Heartbeat_AfterTakeover_MarksTheLeaseLostSoItsHolderWritesNothingMore()
    {
        var experiment = Create();
        var slowClock = new ManualTimeProvider(_time.GetUtcNow());
        await using var stale = await new ExperimentLeases(_lab.Store, new FakeHolderProbe(1, _alive), slowClock)
            .AcquireAsync(experiment.Id);
        _time.Advance(ExperimentLeases.DefaultTimeToLive * 2);
        await using var successor = await Leases(2).AcquireAsync(experiment.Id);

        slowClock.Advance(ExperimentLeases.DefaultTimeToLive);

        Assert.True(stale.Lost);
        var ex = await Assert.ThrowsAsync<ExperimentBusyException>(() => stale.ThrowIfLostAsync());
        Assert.Equal(2, ex.Lease.Holder.Pid);
        Assert.Equal(successor.Lease.Token, _lab.Store.GetLease(experiment.Id)?.Token);
    }

    [Fact]
    public async Task Effective_RunningWithDeadOrNoHolder_ReadsAsInterruptedAndResumable()
    {
        var experiment = Create() with { Status = ExperimentStatus.Running };
        var leases = Leases(2);
        var deadHolder = new ExperimentLease(experiment.Id, "t", new FakeHolderProbe(9, _alive).Self, _time.GetUtcNow(), _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(1));

        var orphan = leases.Effective(experiment, deadHolder);
        var noLease = leases.Effective(experiment, null);

        Assert.Equal(ExperimentStatus.Interrupted, orphan.Status);
        Assert.Contains("pid 9 on host-1", orphan.StatusReason, StringComparison.Ordinal);
        Assert.Contains($"--resume {experiment.Id}", orphan.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Interrupted, noLease.Status);
    }

    [Fact]
    public async Task Effective_RunningWithLiveHolder_StaysRunning()
    {
        var experiment = Create() with { Status = ExperimentStatus.Running };
        await using var held = await Leases(1).AcquireAsync(experiment.Id);

        Assert.Equal(ExperimentStatus.Running, Leases(2).Effective(experiment, _lab.Store.GetLease(experiment.Id)).Status);
    }

    [Fact]
    public async Task RunAsync_AnotherProcessHoldsTheExperiment_RunsAndWritesNothing()
    {
        var experiment = Create();
        await using var holder = await Leases(1).AcquireAsync(experiment.Id);
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
