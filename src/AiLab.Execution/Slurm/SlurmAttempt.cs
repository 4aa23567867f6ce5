using AiLab.Core.Security;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Execution.Probes;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Slurm;

/// <summary>One submission of one trial: submit, watch, cancel when due, then read what the node handed over and
/// classify the end. Returns the trial, and a sentence when the scheduler (not the workload) ended it.</summary>
internal sealed class SlurmAttempt(
    ISlurmClient client, SlurmExecutorOptions options, TrialRequest request, SlurmSettings settings, string logPath,
    string? node, TimeProvider timeProvider, Action<string>? placed = null, HeldStart.Member? held = null)
{
    private readonly string _eventsPath = Path.GetFullPath(request.EventsPath);
    private readonly string _workingDirectory = Path.GetFullPath(request.WorkingDirectory);
    private readonly TrialFiles _files = TrialFiles.For(logPath);

    public async Task<(TrialResult Result, string? Infrastructure)> RunAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(logPath)!);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(_eventsPath)!);
        _files.Clear();
        File.Delete(_eventsPath);
        PrivateFiles.CreateFile(_eventsPath).Dispose();
        PrivateFiles.WriteAllText(_files.Script, BatchScript.Render(request.Command, _files));
        var environment = EnvironmentBlock.Build(Environment.GetEnvironmentVariables(), request.Environment,
            _eventsPath, request.EnvPolicy);
        var sbatchOptions = SlurmExecutor.Options(settings, request, logPath, _workingDirectory, node);
        if (held is not null) sbatchOptions.Add("--hold");

        using var responder = new ClockResponder(_files);
        var events = new ProbeEventReader(_eventsPath, options.EventsPollInterval);
        events.Start();
        var submittedAt = timeProvider.GetUtcNow();
        var submit = new SlurmTimeline.Submit(ClockResponder.WallNs(), MonotonicClock.NowNs());
        var facts = new SchedulerFacts { Scheduler = "slurm", JobId = "none", SubmittedAt = submittedAt };
        if (cancellationToken.IsCancellationRequested)
        {
            events.Stop();
            return (Failed(FailureKind.Interrupted, "interrupted before the job was submitted", submittedAt, facts),
                null);
        }

        SlurmSubmission submission;
        try
        {
            submission = await client.SubmitAsync(_files.Script, sbatchOptions, environment, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (SlurmException e)
        {
            held?.Arrive(null);
            events.Stop();
            return (Failed(FailureKind.Infrastructure, e.Message, submittedAt, facts), $"sbatch failed: {e.Message}");
        }

        held?.Arrive(submission.JobId);

        if (submission.JobId is not { } jobId)
        {
            events.Stop();
            var error = submission.Error ?? "no job id";
            // A controller that does not answer is the cluster's failure; a refused option is the configuration's.
            var unreachable = error.Contains("contact", StringComparison.OrdinalIgnoreCase)
                              || error.Contains("timed out", StringComparison.OrdinalIgnoreCase);
            var refused = $"sbatch refused the trial's job: {error} (options: {string.Join(' ', sbatchOptions)})";
            return unreachable
                ? (Failed(FailureKind.Infrastructure, refused, submittedAt, facts), refused)
                : (Failed(FailureKind.SpawnFailed, refused + "; check the workflow's slurm: settings (docs/slurm.md)",
                    submittedAt, facts), null);
        }

        facts = facts with { JobId = jobId };
        if (held is not null)
        {
            // TTFB and the queue phase count from the release: the wait for the partner's sbatch is the lab's.
            HeldStart.Released released;
            try
            {
                released = await held.Block.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CancelAsync(jobId, null, timedOut: false, interrupted: true, null).ConfigureAwait(false);
                events.Stop();
                return (Failed(FailureKind.Interrupted, $"interrupted; held job {jobId} was cancelled", submittedAt,
                    facts), null);
            }

            if (released.Error is { } error)
            {
                await CancelAsync(jobId, null, timedOut: false, interrupted: false, null).ConfigureAwait(false);
                events.Stop();
                var sentence = $"held job {jobId} could not be released with its block's partner, so it was "
                               + $"cancelled: {error}";
                return (Failed(FailureKind.Infrastructure, sentence, submittedAt, facts), sentence);
            }

            // The trial starts (its marks count) at the release; the facts keep the sbatch moment as well.
            submit = released.Stamp;
            submittedAt = released.At;
            facts = facts with { ReleasedAt = released.At };
        }

        var watch = await WatchAsync(jobId, submit.MonotonicNs, cancellationToken).ConfigureAwait(false);
        var info = watch.Info;
        facts = facts with
        {
            Node = info?.NodeList,
            FinalState = info?.State ?? watch.Lost,
            SchedulerSubmitTime = info?.SubmitTime,
            EligibleAt = info?.EligibleTime,
            JobStartedAt = info?.StartTime,
            JobEndedAt = info?.EndTime,
        };
        var state = info?.State.Split(' ', 2)[0] ?? "UNKNOWN";
        var handover = watch.Cancelled || info is null || SlurmJobStates.IsInfrastructure(state)
            ? TryReadHandover()
            : await ReadHandoverAsync().ConfigureAwait(false);
        var (received, eventWarnings) = events.Stop();
        var warnings = new List<string>(eventWarnings);
        var on = info?.NodeList is { } n ? $" on node {n}" : "";

        if (watch.Interrupted)
            return (Failed(FailureKind.Interrupted, $"interrupted; job {jobId} was cancelled{on}", submittedAt, facts),
                null);
        if (info is null)
        {
            var lost = $"job {jobId}{on}: {watch.Lost}";
            return (Failed(FailureKind.Infrastructure, lost, submittedAt, facts), lost);
        }

        if (!watch.Cancelled && (SlurmJobStates.IsInfrastructure(state) || state == "CANCELLED"))
        {
            var why = state == "CANCELLED"
                ? "cancelled by the scheduler or an administrator, not by the lab"
                : $"ended by the scheduler as {state}";
            var sentence = $"job {jobId}{on} {why}{(info.Reason is { } r ? $" (reason: {r})" : "")}";
            return (Failed(FailureKind.Infrastructure, sentence, submittedAt, facts), sentence);
        }

        if (handover is null)
        {
            if (watch.TimedOut)
                return (Failed(FailureKind.TimedOut, $"timed out: {watch.TimeoutWhere}; job {jobId} was cancelled{on} "
                    + $"(log: {logPath})", submittedAt, facts), null);
            return (Failed(FailureKind.SpawnFailed, $"job {jobId}{on} ended as {info.State} (exit code "
                + $"{info.ExitCode}:{info.Signal}) without the batch script finishing: the node could not run it "
                + $"(working directory {_workingDirectory} and the shared directory must exist there) (log: {logPath})",
                submittedAt, facts), null);
        }

        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(submit.WallNs, submit.MonotonicNs), handover,
            responder.AnsweredNs, received, warnings);
        var breakdown = PhaseCalculator.Compute(timeline.Marks);
        warnings.AddRange(breakdown.Warnings);
        facts = facts with
        {
            QueueMs = timeline.QueueMs,
            ClockOffsetMs = timeline.OffsetMs,
            ClockOffsetUncertaintyMs = timeline.OffsetUncertaintyMs,
            NodeMachine = new NodeIdentity(handover.Host, handover.CpuModel, handover.CpusOnline, handover.CpusAllowed),
            PeakMemorySource = handover.PeakMemorySource,
        };
        // sh reports a child killed by signal N as 128+N.
        var exit = handover.ExitStatus > 128
            ? new ExitStatus(null, handover.ExitStatus - 128, handover.CpuUserMs, handover.CpuSystemMs, 0)
            : new ExitStatus(handover.ExitStatus, null, handover.CpuUserMs, handover.CpuSystemMs, 0);
        var outcome = TrialOutcomeClassifier.Classify(new TrialFacts(logPath, null, exit, watch.TimedOut, false,
            request.Timeout, timeline.WallMs, breakdown.TtfbMs, LastLine()));
        var reason = state == "OUT_OF_MEMORY" ? $"{outcome.Reason} (Slurm: OUT_OF_MEMORY, past --mem)" : outcome.Reason;
        return (new TrialResult
        {
            Status = outcome.Status,
            Failure = outcome.Failure,
            Reason = reason,
            ExitCode = exit.ExitCode,
            Signal = exit.Signal,
            StartedAt = submittedAt,
            WallMs = timeline.WallMs,
            // The GPUs the job held (its --gpus) for its time on the node, the queue excluded.
            GpuMs = settings.GpuCount is > 0 and var gpus
                ? gpus * Math.Max(0, timeline.WallMs - timeline.QueueMs) : null,
            TtfbMs = outcome.Status == TrialStatus.Succeeded ? breakdown.TtfbMs : null,
            Marks = timeline.Marks,
            Phases = breakdown.Phases,
            // Peak memory as the node measured it: the job step's cgroup (exact) or Slurm's sampled accounting.
            Resources = new ResourceUsage(exit.CpuUserMs, exit.CpuSystemMs, handover.PeakMemoryBytes ?? 0,
                handover.PeakMemoryBytes is null ? null
                : handover.PeakMemorySource?.StartsWith("cgroup", StringComparison.Ordinal) == true
                    ? ResourceUsage.CgroupMethod : ResourceUsage.SampledMethod),
            LogPath = logPath,
            EventsPath = _eventsPath,
            Warnings = warnings,
            Scheduler = facts,
            // The node's load during the workload, so a busy node flags the trial as a busy machine does locally.
            Machine = NodeMachineState.From(handover),
        }, null);
    }

    private sealed record Watch(SlurmJobInfo? Info, bool Cancelled, bool TimedOut, bool Interrupted,
        string? TimeoutWhere, string? Lost);

    /// <summary>Follows the job until it finished; cancels it when its time in the queue or on the node passes the
    /// timeout, or when the caller cancels.</summary>
    private async Task<Watch> WatchAsync(string jobId, long submitNs, CancellationToken cancellationToken)
    {
        long? runningSinceNs = null;
        var failures = 0;
        SlurmJobInfo? info = null;
        while (true)
        {
            try
            {
                info = await client.QueryAsync(jobId, cancellationToken).ConfigureAwait(false);
                failures = 0;
                if (info is null)
                    return new Watch(null, false, false, false, null,
                        "the controller no longer knows the job (purged before it was seen to finish)");
                if (SlurmJobStates.IsFinished(info.State))
                    return new Watch(info, false, false, false, null, null);
                var now = MonotonicClock.NowNs();
                if (!SlurmJobStates.IsPending(info.State))
                {
                    runningSinceNs ??= now;
                    if (info.NodeList is { } started)
                        placed?.Invoke(started);
                }
                var where = Overdue(submitNs, runningSinceNs, now);
                if (where is not null)
                    return await CancelAsync(jobId, info, timedOut: true, interrupted: false, where)
                        .ConfigureAwait(false);
                await Task.Delay(options.StatePollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await CancelAsync(jobId, info, timedOut: false, interrupted: true, null).ConfigureAwait(false);
            }
            catch (SlurmException e)
            {
                if (++failures > options.QueryFailuresAllowed)
                    return new Watch(null, false, false, false, null, $"the controller stopped answering: {e.Message}");
                await Task.Delay(options.StatePollInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private string? Overdue(long submitNs, long? runningSinceNs, long now)
    {
        if (request.Timeout == Timeout.InfiniteTimeSpan)
            return null;
        var limitMs = request.Timeout.TotalMilliseconds;
        if (runningSinceNs is { } since)
            return MonotonicClock.ElapsedMs(since, now) > limitMs
                ? $"ran longer than {TrialOutcomeClassifier.Duration(limitMs)} on the node" : null;
        return MonotonicClock.ElapsedMs(submitNs, now) > limitMs
            ? $"waited longer than {TrialOutcomeClassifier.Duration(limitMs)} in the queue" : null;
    }

    private async Task<Watch> CancelAsync(string jobId, SlurmJobInfo? last, bool timedOut, bool interrupted,
        string? where)
    {
        var info = last;
        try
        {
            await client.CancelAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            var deadline = MonotonicClock.NowNs() + (long)options.CancelWait.TotalMilliseconds * 1_000_000;
            while (MonotonicClock.NowNs() < deadline)
            {
                info = await client.QueryAsync(jobId, CancellationToken.None).ConfigureAwait(false) ?? info;
                if (info is null || SlurmJobStates.IsFinished(info.State))
                    break;
                await Task.Delay(options.StatePollInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SlurmException)
        {
            // Reported below as it stands; the job may outlive the harness only if the controller is gone too.
        }

        return new Watch(info, true, timedOut, interrupted, where, info is null ? "cancelled" : null);
    }

    private async Task<Handover?> ReadHandoverAsync()
    {
        var deadline = MonotonicClock.NowNs() + (long)options.HandoverWait.TotalMilliseconds * 1_000_000;
        while (true)
        {
            if (TryReadHandover() is { } handover)
                return handover;
            if (MonotonicClock.NowNs() > deadline)
                return null;
            await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }

    private Handover? TryReadHandover()
    {
        try
        {
            return File.Exists(_files.Handover) ? Handover.Parse(File.ReadAllText(_files.Handover)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string? LastLine()
    {
        try
        {
            return File.Exists(logPath)
                ? File.ReadLines(logPath).LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private TrialResult Failed(FailureKind failure, string reason, DateTimeOffset startedAt, SchedulerFacts facts) =>
        new()
    {
        Status = TrialStatus.Failed,
        Failure = failure,
        Reason = reason.Contains("(log: ", StringComparison.Ordinal) ? reason : $"{reason} (log: {logPath})",
        StartedAt = startedAt,
        LogPath = logPath,
        EventsPath = _eventsPath,
        Scheduler = facts,
    };
}
