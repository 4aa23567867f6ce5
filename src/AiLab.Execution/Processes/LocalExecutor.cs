using AiLab.Core.Security;
using AiLab.Core.Trials;
using AiLab.Execution.Machine;
using AiLab.Execution.Probes;
using AiLab.Execution.Processes.Containment;

namespace AiLab.Execution.Processes;

/// <summary>Runs each trial as a real local process: <c>/bin/sh -c COMMAND</c> in its own session and, where the
/// machine allows, its own cgroup (<see cref="TrialCgroup"/>), timed from the instant of posix_spawn on
/// CLOCK_MONOTONIC, with probe marks read as they are written, the whole tree killed on timeout, cancellation or the
/// harness's death, CPU time from wait4 and the peak memory of the workload's tree alone. A trial asked to stop at its
/// marks is stopped (SIGTERM to its group and cgroup, SIGKILL after a short grace) as soon as every needed mark has
/// arrived, and succeeds with its <see cref="TrialResult.Stop"/> recorded.</summary>
public sealed class LocalExecutor : ITrialExecutor
{
    private readonly LocalExecutorOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an executor; <paramref name="timeProvider"/> only stamps <see cref="TrialResult.StartedAt"/>
    /// (durations always come from CLOCK_MONOTONIC).</summary>
    public LocalExecutor(LocalExecutorOptions? options = null, TimeProvider? timeProvider = null)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The local executor needs Linux (posix_spawn with setsid, /proc).");
        _options = options ?? new LocalExecutorOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Timeout <= TimeSpan.Zero && request.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(request), request.Timeout, "The trial timeout must be positive.");
        var logPath = Path.GetFullPath(request.LogPath);
        var eventsPath = Path.GetFullPath(request.EventsPath);
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(logPath)!);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(eventsPath)!);
        // Marks left by an earlier trial in the same file must not count for this one; the empty file is created
        // 0600 here, as the workload's umask would otherwise decide who can read its marks.
        File.Delete(eventsPath);
        PrivateFiles.CreateFile(eventsPath).Dispose();
        var environment = EnvironmentBlock.Build(Environment.GetEnvironmentVariables(), request.Environment, eventsPath,
            request.EnvPolicy);
        var log = PrivateFiles.CreateFile(logPath, FileShare.ReadWrite, bufferSize: 0);

        var startedAt = _timeProvider.GetUtcNow();
        if (cancellationToken.IsCancellationRequested)
        {
            await log.DisposeAsync().ConfigureAwait(false);
            return NotStarted(startedAt, FailureKind.Interrupted,
                $"interrupted before the process was started (log: {logPath})", logPath, eventsPath);
        }

        var pathVariable = environment.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..];
        var argv = CommandLine.ToArgv(request.Command, pathVariable, workingDirectory);
        ContainmentHost.Register($"{ProbeMarks.EventsVariable}={eventsPath}");
        var cgroup = _options.UseCgroups ? TrialCgroup.TryCreate("trial", out _) : null;
        // Before the spawn, so the spawning thread too wakes up off the trial's CPUs once the child has exec'd.
        using var keepOff = HarnessAffinity.KeepOff(request.Cpus);
        // Read before the spawn and after the reap, so the readings cost the trial nothing.
        var machineBefore = _options.RecordMachineState ? MachineStateRecorder.Take() : null;
        var spawn = PosixSpawner.Spawn(argv, workingDirectory, environment, request.Cpus, out var spawnNs, cgroup);
        if (spawn.Process is not { } process)
        {
            cgroup?.Dispose();
            // The log is where people look first; say there why it is empty.
            await using (log.ConfigureAwait(false))
                await log.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"ailab: {spawn.Error}\n"), CancellationToken.None)
                    .ConfigureAwait(false);
            return NotStarted(startedAt, FailureKind.SpawnFailed,
                $"{spawn.Error} (log: {logPath})", logPath, eventsPath);
        }

        var trial = new RunningTrial(process, spawnNs, cgroup);
        var result = await MonitorAsync(request, trial, startedAt, log, logPath, eventsPath, cancellationToken)
            .ConfigureAwait(false);
        return machineBefore is null
            ? result
            : result with { Machine = MachineStateRecorder.Finish(machineBefore, result.Resources.CpuTotalMs, request.Cpus) };
    }

    private async Task<TrialResult> MonitorAsync(TrialRequest request, RunningTrial trial,
        DateTimeOffset startedAt, FileStream log, string logPath, string eventsPath, CancellationToken cancellationToken)
    {
        var (process, spawnNs, cgroup) = trial;
        var pid = process.Pid;
        var waiter = new ChildWaiter(pid);
        // Read under the watch's lock on the thread that delivered the last needed mark; the watch is closed before
        // the leader is reaped, so the pid read is always the trial's.
        double? cpuAtMarks = null;
        var watch = new MarkWatch(request.NeededMarks, _ => cpuAtMarks = ProcessTreeCpu.ReadMs(pid, cgroup));
        using var pump = new OutputPump(process.StdoutFd, process.StderrFd, log, request.FirstBatchPattern,
            ns => watch.Seen(ProbeMarks.FirstBatch, ns));
        // The cgroup measures every process from its first page; sampling /proc is the fallback, and would only add
        // the harness's own CPU next to the workload.
        var sampler = cgroup is null ? new ProcessTreeSampler(pid, _options.RssSampleInterval) : null;
        var events = new ProbeEventReader(eventsPath, _options.EventsPollInterval, watch.Seen);
        sampler?.Start();
        events.Start();

        bool timedOut = false, interrupted = false, reaped = false;
        TrialStop? stop = null;
        try
        {
            var stopAtMarks = request.StopAtMarks && watch.IsWatching;
            try
            {
                Task awaited = stopAtMarks ? Task.WhenAny(waiter.Exited, watch.Completed) : waiter.Exited;
                timedOut = await TrialDeadline.WaitAsync(awaited, spawnNs, request.Timeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
            }

            if (timedOut || interrupted)
                await ProcessGroupKiller.TerminateAsync(pid, waiter.Exited, _options.KillGracePeriod, cgroup)
                    .ConfigureAwait(false);
            // A leader that already exited by itself (a zombie now) keeps its own exit status and classification.
            else if (stopAtMarks && watch.Completed.IsCompleted && ProcFs.IsAlive(pid))
                stop = await StopAsync(pid, waiter, watch, spawnNs, cgroup).ConfigureAwait(false);
            var exitNs = await waiter.Exited.ConfigureAwait(false);
            var sampledPeak = sampler?.Stop() ?? 0;
            // Read the last marks now: a mark written just before the exit is stamped on receipt, so any delay here
            // would move it later.
            var (received, eventWarnings) = events.Stop();
            watch.Close();
            var reached = watch.Completed.IsCompleted
                ? new MarksReached(MonotonicClock.ElapsedMs(spawnNs, watch.Completed.Result), cpuAtMarks)
                : null;
            // The unreaped leader still reserves the group id, so this cannot hit an unrelated process.
            var leftovers = ProcessGroupKiller.KillLeftovers(pid);
            // What left the session (setsid, daemons) is still in the cgroup.
            var escaped = cgroup?.KillAll(exceptPid: pid) ?? 0;
            var cgroupPeak = cgroup?.PeakBytes();
            var exit = waiter.Reap();
            reaped = true;
            cgroup?.Dispose();

            var pipesClosed = pump.WaitForEof(_options.PipeDrainTimeout);
            var lastLine = pump.Stop();

            var warnings = new List<string>(eventWarnings);
            var marks = MarkTimeline.ToMarks(received, spawnNs, warnings).ToList();
            AddPatternMark(marks, received, pump.PatternMatchNs, spawnNs);
            var breakdown = PhaseCalculator.Compute(marks);
            warnings.AddRange(breakdown.Warnings);
            if (leftovers > 0)
                warnings.Add($"killed {leftovers} process{(leftovers == 1 ? "" : "es")} still running in the trial's "
                             + "process group after its main process exited (background or daemonized children)");
            if (escaped > 0)
                warnings.Add($"killed {escaped} process{(escaped == 1 ? "" : "es")} still running after the trial "
                             + "that had left its session (setsid or daemonized) but not its cgroup");
            if (cgroup is not null && cgroupPeak is null)
                warnings.Add($"peak memory not measured: {cgroup.Directory}/memory.max_usage_in_bytes was unreadable");
            if (!pipesClosed)
                warnings.Add("stdout/stderr stayed open after the trial's process group was gone (a process that "
                             + "left the trial's session holds them); the end of the log may be missing");

            var wallMs = MonotonicClock.ElapsedMs(spawnNs, exitNs);
            var outcome = TrialOutcomeClassifier.Classify(new TrialFacts(logPath, null, exit, timedOut, interrupted,
                request.Timeout, wallMs, breakdown.TtfbMs, lastLine, Stopped: stop is not null));
            if (stop is { Forced: true })
                warnings.Add($"the trial ignored SIGTERM after its marks; SIGKILLed after the "
                             + $"{TrialOutcomeClassifier.Duration(_options.StopGracePeriod.TotalMilliseconds)} grace");
            return new TrialResult
            {
                Status = outcome.Status,
                Failure = outcome.Failure,
                Reason = outcome.Status == TrialStatus.Succeeded && stop is not null ? TrialStop.Reason : outcome.Reason,
                Stop = outcome.Status == TrialStatus.Succeeded ? stop : null,
                MarksReached = reached,
                GpuMs = request.Gpus > 0 ? request.Gpus * wallMs : null,
                ExitCode = exit.ExitCode,
                Signal = exit.Signal,
                StartedAt = startedAt,
                WallMs = wallMs,
                // A failed trial carries no measurement; its marks and phases stay for diagnosis.
                TtfbMs = outcome.Status == TrialStatus.Succeeded ? breakdown.TtfbMs : null,
                Marks = marks,
                Phases = breakdown.Phases,
                // Not ru_maxrss: it carries the harness's own high-water mark across the spawn (architecture.md).
                Resources = cgroup is null
                    ? new ResourceUsage(exit.CpuUserMs, exit.CpuSystemMs, sampledPeak, ResourceUsage.SampledMethod)
                    : new ResourceUsage(exit.CpuUserMs, exit.CpuSystemMs, cgroupPeak ?? 0,
                        cgroupPeak is null ? null : ResourceUsage.CgroupMethod),
                LogPath = logPath,
                EventsPath = eventsPath,
                Warnings = warnings,
            };
        }
        finally
        {
            if (!reaped)
            {
                // Only reached through a bug; never leave the workload running behind the harness.
                ProcessGroupKiller.KillLeftovers(pid);
                cgroup?.KillAll();
                sampler?.Stop();
                events.Stop();
            }
        }
    }

    /// <summary>Stops a trial whose measurement is done: SIGTERM to its group and cgroup, SIGKILL after the stop
    /// grace; returns what was done, stamped on the clock the trial's wall time is measured on.</summary>
    private async Task<TrialStop> StopAsync(int pid, ChildWaiter waiter, MarkWatch watch, long spawnNs,
        TrialCgroup? cgroup)
    {
        var stopNs = MonotonicClock.NowNs();
        var forced = await ProcessGroupKiller.TerminateAsync(pid, waiter.Exited, _options.StopGracePeriod, cgroup)
            .ConfigureAwait(false);
        return new TrialStop(watch.LastMark!, MonotonicClock.ElapsedMs(spawnNs, stopNs), forced);
    }

    /// <summary>Adds the fallback pattern's <c>first_batch</c> where it arrived, unless the probe sent one.</summary>
    private static void AddPatternMark(List<Mark> marks, IReadOnlyList<ReceivedEvent> received, long? matchNs, long spawnNs)
    {
        if (matchNs is not { } ns || marks.Any(m => m.Name == ProbeMarks.FirstBatch))
            return;
        var index = 0;
        while (index < received.Count && received[index].ReceivedNs <= ns)
            index++;
        marks.Insert(index, new Mark(ProbeMarks.FirstBatch, MonotonicClock.ElapsedMs(spawnNs, ns), Stamped: true));
    }

    private static TrialResult NotStarted(DateTimeOffset startedAt, FailureKind failure,
        string reason, string logPath, string eventsPath) => new()
    {
        Status = TrialStatus.Failed,
        Failure = failure,
        Reason = reason,
        StartedAt = startedAt,
        LogPath = logPath,
        EventsPath = eventsPath,
    };
}
