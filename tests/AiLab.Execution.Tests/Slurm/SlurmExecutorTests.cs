using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

/// <summary>The Slurm executor against a scripted scheduler whose "node" runs the real batch script with bash: the
/// handover, the clock exchange and the probe marks are real; the scheduler's fates (node failure, preemption, an
/// administrator's scancel) are scripted.</summary>
public sealed class SlurmExecutorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static readonly SlurmExecutorOptions Fast = new() { StatePollInterval = TimeSpan.FromMilliseconds(20) };

    public void Dispose() => _dir.Dispose();

    private TrialRequest Request(string command, SlurmSettings? settings = null, TimeSpan? timeout = null,
        string group = "exp-1") => new(
        command, _dir.Path, new Dictionary<string, string?>(), timeout ?? TimeSpan.FromSeconds(60),
        Path.Combine(_dir.Path, "t", "0000-A.log"), Path.Combine(_dir.Path, "t", "0000-A.events.jsonl"),
        Slurm: settings ?? SlurmSettings.Default, PlacementGroup: group);

    private const string Marks = "python3 -c \"import json,os,time; f=open(os.environ['AILAB_EVENTS'],'a'); "
        + "[f.write(json.dumps({'mark': m, 't_ns': time.monotonic_ns()})+'\\\\n') or f.flush() or time.sleep(0.05) "
        + "for m in ['imports','config_validation','first_batch']]\"";

    [Fact]
    public async Task RunAsync_JobRuns_QueueIsTheFirstPhaseAndMarksCountFromTheSubmit()
    {
        var client = new ScriptedSlurmClient("RUN");
        var result = await new SlurmExecutor(client, Fast).RunAsync(Request(Marks), CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(["queue", "imports", "config_validation", "first_batch"], result.Phases.Select(p => p.Name));
        var facts = result.Scheduler!;
        Assert.Equal("100", facts.JobId);
        Assert.Equal("node1", facts.Node);
        Assert.Equal(1, facts.Attempts);
        Assert.Equal(facts.QueueMs, result.Phases[0].DurationMs);
        Assert.True(facts.QueueMs > 0);
        // One host: the exchange must find the clocks equal within its own uncertainty.
        Assert.NotNull(facts.ClockOffsetMs);
        Assert.True(Math.Abs(facts.ClockOffsetMs!.Value) <= facts.ClockOffsetUncertaintyMs!.Value + 1,
            $"offset {facts.ClockOffsetMs} ± {facts.ClockOffsetUncertaintyMs}");
        Assert.Equal(result.TtfbMs, result.Marks.Single(m => m.Name == "first_batch").OffsetMs);
        Assert.All(result.Marks.Skip(1), m => Assert.False(m.Stamped));
        Assert.Equal(Environment.MachineName.Split('.')[0], facts.NodeMachine!.Host, ignoreCase: true);
        Assert.Contains("--no-requeue", client.Submissions[0]);
    }

    [Fact]
    public async Task RunAsync_TwoTrialsOfOneGroupAtOnce_TheSecondWaitsForTheFirstsNodeAndIsPinnedToIt()
    {
        var client = new ScriptedSlurmClient("RUN", "RUN");
        var executor = new SlurmExecutor(client, Fast);
        TrialRequest At(int n) => Request(Marks) with
        {
            LogPath = Path.Combine(_dir.Path, "t", $"000{n}-A.log"),
            EventsPath = Path.Combine(_dir.Path, "t", $"000{n}-A.events.jsonl"),
        };

        var results = await Task.WhenAll(executor.RunAsync(At(0), CancellationToken.None),
            executor.RunAsync(At(1), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.DoesNotContain(client.Submissions[0], o => o.StartsWith("--nodelist", StringComparison.Ordinal));
        Assert.Contains("--nodelist=node1", client.Submissions[1]);
        Assert.Equal("node1", executor.NodeOf("exp-1"));
    }

    [Fact]
    public async Task RunAsync_NodeWithoutAJobCgroupOrAccounting_RecordsNoPeakMemory()
    {
        var executor = new SlurmExecutor(new ScriptedSlurmClient("RUN"), Fast);
        var result = await executor.RunAsync(Request(Marks), CancellationToken.None);

        // The scripted node runs in no job cgroup and has no sstat answer: nothing is invented.
        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Scheduler!.PeakMemorySource);
        Assert.Equal(0, result.Resources.PeakRssBytes);
        Assert.Null(result.Resources.PeakRssMethod);
    }

    [Theory]
    [InlineData("NODE_FAIL")]
    [InlineData("PREEMPTED")]
    [InlineData("TIMEOUT")]
    [InlineData("CANCELLED")]
    public async Task RunAsync_SchedulerEndsTheFirstJob_RetriedAndTheFailureRecorded(string state)
    {
        var client = new ScriptedSlurmClient(state, "RUN");
        var result = await new SlurmExecutor(client, Fast).RunAsync(Request(Marks), CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(2, result.Scheduler!.Attempts);
        var failure = Assert.Single(result.Scheduler.InfrastructureFailures);
        Assert.Contains("job 100 on node node1", failure, StringComparison.Ordinal);
        Assert.Contains(state == "CANCELLED" ? "not by the lab" : state, failure, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.StartsWith("retried after 1 infrastructure failure", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "t", "0000-A.log.attempt1")) || state != "RUN");
    }

    [Fact]
    public async Task RunAsync_SchedulerEndsEveryAttempt_InfrastructureFailureNotAWorkloadOne()
    {
        var client = new ScriptedSlurmClient("NODE_FAIL", "PREEMPTED", "NODE_FAIL");
        var result = await new SlurmExecutor(client, Fast).RunAsync(Request(Marks), CancellationToken.None);

        Assert.Equal(FailureKind.Infrastructure, result.Failure);
        Assert.Null(result.TtfbMs);
        Assert.Equal(3, result.Scheduler!.Attempts);
        Assert.Equal(3, result.Scheduler.InfrastructureFailures.Count);
        Assert.StartsWith("infrastructure failure, not the workload's", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkloadCrashes_WorkloadFailureNotRetried()
    {
        var client = new ScriptedSlurmClient("RUN", "RUN");
        var result = await new SlurmExecutor(client, Fast).RunAsync(
            Request("echo about to crash; exit 7"), CancellationToken.None);

        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("last log line: \"about to crash\"", result.Reason, StringComparison.Ordinal);
        Assert.Single(client.Submissions);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_ReportsTheSignal()
    {
        var result = await new SlurmExecutor(new ScriptedSlurmClient("RUN"), Fast).RunAsync(
            Request("kill -SEGV $$"), CancellationToken.None);

        Assert.Equal(FailureKind.Signaled, result.Failure);
        Assert.Equal(11, result.Signal);
    }

    [Fact]
    public async Task RunAsync_SbatchRefuses_SpawnFailedWithTheSchedulersMessage()
    {
        var result = await new SlurmExecutor(new ScriptedSlurmClient("REFUSE"), Fast).RunAsync(
            Request(Marks), CancellationToken.None);

        Assert.Equal(FailureKind.SpawnFailed, result.Failure);
        Assert.Contains("invalid partition specified", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PendingPastTheTimeout_CancelledAndTimedOut()
    {
        var client = new ScriptedSlurmClient("PENDING");
        var result = await new SlurmExecutor(client, Fast).RunAsync(
            Request(Marks, timeout: TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        Assert.Equal(FailureKind.TimedOut, result.Failure);
        Assert.Contains("in the queue", result.Reason, StringComparison.Ordinal);
        Assert.Equal(["100"], client.Cancelled);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_JobCancelledAndInterrupted()
    {
        var client = new ScriptedSlurmClient("RUN");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var result = await new SlurmExecutor(client, Fast).RunAsync(Request("sleep 30"), cts.Token);

        Assert.Equal(FailureKind.Interrupted, result.Failure);
        Assert.Equal(["100"], client.Cancelled);
    }

    [Fact]
    public async Task RunAsync_SameNode_LaterTrialsOfTheExperimentNameTheFirstTrialsNode()
    {
        var client = new ScriptedSlurmClient("RUN", "RUN", "RUN");
        var executor = new SlurmExecutor(client, Fast);
        await executor.RunAsync(Request(Marks), CancellationToken.None);
        await executor.RunAsync(Request(Marks), CancellationToken.None);
        await executor.RunAsync(Request(Marks, group: "exp-2"), CancellationToken.None);

        Assert.DoesNotContain(client.Submissions[0], o => o.StartsWith("--nodelist", StringComparison.Ordinal));
        Assert.Contains("--nodelist=node1", client.Submissions[1]);
        Assert.DoesNotContain(client.Submissions[2], o => o.StartsWith("--nodelist", StringComparison.Ordinal));
    }

    private TrialRequest InBlock(int n, string group = "exp-1", SlurmSettings? settings = null) =>
        Request(Marks, settings, group: group) with
        {
            LogPath = Path.Combine(_dir.Path, "t", $"000{n}-A.log"),
            EventsPath = Path.Combine(_dir.Path, "t", $"000{n}-A.events.jsonl"),
            StartTogether = new StartGroup($"{group}/wave 1/block 0", 2),
        };

    private static readonly SlurmSettings NotPinned = SlurmSettings.Default with { SameNode = false };

    /// <summary>One block's two trials started at once, as a wave starts them.</summary>
    private Task<TrialResult[]> RunBlockAsync(SlurmExecutor executor, SlurmSettings settings,
        CancellationToken cancellationToken = default) =>
        Task.WhenAll(executor.RunAsync(InBlock(0, settings: settings), cancellationToken),
            executor.RunAsync(InBlock(1, settings: settings), cancellationToken));

    [Fact]
    public async Task RunAsync_BlockSideBySide_BothSubmittedHeldReleasedInOneRequestAndTimedFromTheRelease()
    {
        var client = new ScriptedSlurmClient("RUN", "RUN");
        var results = await RunBlockAsync(new SlurmExecutor(client, Fast), NotPinned);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.All(client.Submissions, o => Assert.Contains("--hold", o));
        var release = Assert.Single(client.Releases);
        Assert.Equal(["100", "101"], release.Order(StringComparer.Ordinal));
        var released = results.Select(r => r.Scheduler!.ReleasedAt).Distinct().ToList();
        Assert.NotNull(Assert.Single(released));
        // The trial, its queue phase and its marks start at the release, which came after both submits.
        Assert.All(results, r => Assert.True(r.Scheduler!.SubmittedAt <= released[0], $"{r.Scheduler.SubmittedAt}"));
        Assert.All(results, r => Assert.Equal(released[0], r.StartedAt));
        Assert.All(results, r => Assert.Equal(r.Scheduler!.QueueMs, r.Phases[0].DurationMs));
        Assert.All(results, r => Assert.True(r.Scheduler!.QueueMs > 0, $"queue {r.Scheduler.QueueMs}"));
    }

    [Fact]
    public async Task RunAsync_BlockWhoseReleaseIsRefused_HeldJobsCancelledAndRetriedUnheld()
    {
        var client = new ScriptedSlurmClient("RUN", "RUN") { RefuseRelease = "Access/permission denied" };
        var results = await RunBlockAsync(new SlurmExecutor(client, Fast), NotPinned);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.All(results, r => Assert.Equal(2, r.Scheduler!.Attempts));
        Assert.All(results, r => Assert.Contains("could not be released",
            Assert.Single(r.Scheduler!.InfrastructureFailures), StringComparison.Ordinal));
        Assert.Equal(["100", "101"], client.Cancelled.Order(StringComparer.Ordinal));
        Assert.Equal(2, client.Submissions.Count(o => !o.Contains("--hold")));
        Assert.All(results, r => Assert.Null(r.Scheduler!.ReleasedAt));
    }

    [Fact]
    public async Task RunAsync_PartnerRefusedBySbatch_TheOtherReleasedAloneInsteadOfWaiting()
    {
        var client = new ScriptedSlurmClient("RUN", "REFUSE");
        var results = await RunBlockAsync(new SlurmExecutor(client, Fast), NotPinned);

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Failure == FailureKind.SpawnFailed);
        Assert.Equal(["100"], Assert.Single(client.Releases));
    }

    [Fact]
    public async Task RunAsync_BlockOfTheFirstWaveOnOneNode_PartnerStepsOutAndIsPinnedToTheFirstsNode()
    {
        // The partner waits for the first trial's node while the first waits, held, for its partner: the partner
        // must step out of the block instead of both waiting for ever.
        var client = new ScriptedSlurmClient("RUN", "RUN");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var results = await RunBlockAsync(new SlurmExecutor(client, Fast), SlurmSettings.Default, cts.Token);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Contains("--hold", client.Submissions[0]);
        Assert.Equal(["100"], Assert.Single(client.Releases));
        Assert.DoesNotContain("--hold", client.Submissions[1]);
        Assert.Contains("--nodelist=node1", client.Submissions[1]);
    }

    [Fact]
    public async Task RunAsync_JobAsksForGpus_ChargedTheirCountTimesItsTimeOnTheNode()
    {
        var executor = new SlurmExecutor(new ScriptedSlurmClient("RUN", "RUN"), Fast);

        // A workload of known length: at least 300 ms on the node.
        var withGpus = await executor.RunAsync(
            Request($"sleep 0.3; {Marks}", SlurmSettings.Default with { Gpus = "a100:2" }), CancellationToken.None);
        var without = await executor.RunAsync(Request(Marks), CancellationToken.None);

        Assert.True(withGpus.Succeeded, withGpus.Reason);
        var onNode = withGpus.WallMs - withGpus.Scheduler!.QueueMs!.Value;
        Assert.True(onNode >= 300, $"on the node {onNode} ms");
        Assert.Equal(2 * onNode, withGpus.GpuMs!.Value, 6);
        Assert.Null(without.GpuMs);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("a100:2", 2)]
    [InlineData("gpu:a100:4", 4)]
    [InlineData("a100", null)]
    [InlineData(null, null)]
    public void GpuCount_SbatchGpusSyntax_TheCount(string? gpus, int? count) =>
        Assert.Equal(count, (SlurmSettings.Default with { Gpus = gpus }).GpuCount);

    [Fact]
    public void Options_EverySetting_BecomesItsSbatchOption()
    {
        var settings = new SlurmSettings
        {
            Partition = "gpu", Account = "ml", Cpus = 4, Memory = "16G", Gpus = "a100:2", Constraint = "skylake",
            TimeLimit = TimeSpan.FromSeconds(90),
        };
        var options = SlurmExecutor.Options(settings, Request("x"), "/s/log", "/s/work", "n7");

        Assert.Superset(new HashSet<string>
        {
            "--partition=gpu", "--account=ml", "--cpus-per-task=4", "--mem=16G", "--gpus=a100:2",
            "--constraint=skylake", "--nodelist=n7", "--time=2", "--output=/s/log", "--chdir=/s/work",
        }, options.ToHashSet());
    }
}
