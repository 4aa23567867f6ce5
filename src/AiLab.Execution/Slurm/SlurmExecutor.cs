using System.Collections.Concurrent;
using System.Globalization;
using AiLab.Core.Security;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Execution.Probes;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Slurm;

/// <summary>Runs each trial as a Slurm batch job (docs/slurm.md): submits a generated script with
/// <c>sbatch --parsable</c>, follows the job's state with <c>scontrol</c>, reads the probe marks, the log and the
/// node's
/// handover from the shared directory the trial's files live in, cancels the job on timeout or Ctrl-C, and retries
/// (bounded) a job the scheduler ended — those are infrastructure failures, never the workload's. TTFB counts from
/// the submit, with <c>queue</c> as its first phase (<see cref="SlurmTimeline"/>). Trials may run concurrently;
/// trials of one placement group run on the node the first of them got when the settings ask for the same
/// node.</summary>
public sealed class SlurmExecutor : ITrialExecutor, ITrialCapacity
{
    private readonly ISlurmClient _client;
    private readonly SlurmExecutorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, string> _nodes = new(StringComparer.Ordinal);

    // The trial of a placement group that is being placed first; the others wait for its node (like with like).
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string?>> _placing =
        new(StringComparer.Ordinal);

    // Blocks whose trials are submitted held and released together (TrialRequest.StartTogether), until all arrived.
    private readonly ConcurrentDictionary<string, HeldStart> _held = new(StringComparer.Ordinal);

    /// <summary>Creates an executor talking to the cluster through <paramref name="client"/> (default: Slurm's
    /// commands on PATH).</summary>
    public SlurmExecutor(ISlurmClient? client = null, SlurmExecutorOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        _client = client ?? new SlurmCli();
        _options = options ?? new SlurmExecutorOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The node trials of <paramref name="placementGroup"/> are pinned to, once the first one
    /// started.</summary>
    public string? NodeOf(string placementGroup) => _nodes.GetValueOrDefault(placementGroup);

    /// <summary>How many trials like <paramref name="request"/> the cluster could start now
    /// (<see cref="SlurmCapacity"/>): on the node the request's placement group is pinned to, or on the eligible
    /// nodes; null when the nodes cannot be read.</summary>
    public async Task<int?> FreeSlotsAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = WithEnvironmentRequest(request.Slurm ?? SlurmSettings.Default, request.Environment);
        try
        {
            var nodes = await _client.NodesAsync(cancellationToken).ConfigureAwait(false);
            return SlurmCapacity.FreeSlots(nodes, settings, PinnedNode(request, settings));
        }
        catch (SlurmException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Timeout <= TimeSpan.Zero && request.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(request), request.Timeout,
                "The trial timeout must be positive.");
        var settings = request.Slurm ?? SlurmSettings.Default;
        var logPath = Path.GetFullPath(request.LogPath);
        if (request.FirstBatchPattern is not null)
            return NotRun(FailureKind.SpawnFailed,
                "first_batch_pattern is not supported by the Slurm executor (the log is read through the shared "
                + "directory, too late to stamp a line); mark first_batch with the probe",
                request, logPath);

        var member = request.StartTogether is { Size: > 1 } together
            ? _held.GetOrAdd(together.Key, key => new HeldStart(together.Size,
                ids => _client.ReleaseAsync(ids, CancellationToken.None), _timeProvider,
                () => _held.TryRemove(key, out _))).Join()
            : null;
        try
        {
            return await RunPlacedAsync(request, settings, logPath, member, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // However the trial ended, its block must not wait for it.
            member?.Arrive(null);
        }
    }

    private async Task<TrialResult> RunPlacedAsync(TrialRequest request, SlurmSettings settings, string logPath,
        HeldStart.Member? member, CancellationToken cancellationToken)
    {
        // Trials pinned to one node wait until the first of their group has been given one, so that trials started
        // at once do not land on different nodes.
        TaskCompletionSource<string?>? placing = null;
        if (settings.SameNode && request.PlacementGroup is { } group)
        {
            while (!_nodes.ContainsKey(group))
            {
                var mine = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                var first = _placing.GetOrAdd(group, mine);
                if (first == mine)
                {
                    placing = mine;
                    break;
                }

                // The first trial may be this one's partner, held until this one arrives: step out of the block, and
                // submit on its own once the node is known.
                member?.Arrive(null);
                member = null;

                try
                {
                    await first.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return NotRun(FailureKind.Interrupted, "interrupted while the experiment's first trial was being "
                        + "placed on a node; nothing was submitted", request, logPath);
                }
            }
        }

        try
        {
            return await RunAttemptsAsync(request, settings, logPath, member, node =>
            {
                if (settings.SameNode && request.PlacementGroup is { } g && _nodes.TryAdd(g, node))
                    placing?.TrySetResult(node);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (placing is not null)
            {
                _placing.TryRemove(new KeyValuePair<string, TaskCompletionSource<string?>>(request.PlacementGroup!,
                    placing));
                placing.TrySetResult(NodeOf(request.PlacementGroup!));
            }
        }
    }

    private async Task<TrialResult> RunAttemptsAsync(TrialRequest request, SlurmSettings settings, string logPath,
        HeldStart.Member? member, Action<string> placed, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        TrialResult? last = null;
        for (var attempt = 1; attempt <= 1 + Math.Max(0, settings.Retries); attempt++)
        {
            if (attempt > 1 && File.Exists(logPath))
                File.Move(logPath, $"{logPath}.attempt{attempt - 1}", overwrite: true);
            // Only the first attempt is held: a retry's partner has already run.
            var (result, infrastructure) = await new SlurmAttempt(_client, _options, request, settings, logPath,
                PinnedNode(request, settings), _timeProvider, placed, attempt == 1 ? member : null)
                .RunAsync(cancellationToken).ConfigureAwait(false);
            if (result.Scheduler?.Node is { } node)
                placed(node);
            result = result with
            {
                Scheduler = result.Scheduler! with { Attempts = attempt, InfrastructureFailures = [.. failures] },
            };
            if (infrastructure is null)
                return failures.Count == 0 ? result : result with
                {
                    Warnings = [.. result.Warnings, $"retried after {failures.Count} infrastructure "
                        + $"failure{(failures.Count == 1 ? "" : "s")}: {string.Join("; ", failures)}"],
                };
            failures.Add(infrastructure);
            last = result;
            if (cancellationToken.IsCancellationRequested)
                break;
        }

        return last! with
        {
            Failure = FailureKind.Infrastructure,
            Reason = $"infrastructure failure, not the workload's: the scheduler ended the trial's job on all "
                     + $"{failures.Count} attempt{(failures.Count == 1 ? "" : "s")}: {string.Join("; ", failures)} "
                     + $"(log: {logPath})",
            Scheduler = last!.Scheduler! with { InfrastructureFailures = failures },
        };
    }

    /// <summary>What sbatch will ask for: a CPU count or memory the workflow leaves unset is taken from the trial's
    /// environment (<c>SBATCH_CPUS_PER_TASK</c>, <c>SBATCH_MEM_PER_NODE</c>, which sbatch reads when no option
    /// overrides them), so that a variant's own request is counted when the capacity is.</summary>
    internal static SlurmSettings WithEnvironmentRequest(SlurmSettings settings,
        IReadOnlyDictionary<string, string?> environment)
    {
        var cpus = settings.Cpus ?? (environment.GetValueOrDefault("SBATCH_CPUS_PER_TASK") is { } c &&
            int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null);
        var memory = settings.Memory ?? environment.GetValueOrDefault("SBATCH_MEM_PER_NODE");
        return settings with { Cpus = cpus, Memory = memory };
    }

    private string? PinnedNode(TrialRequest request, SlurmSettings settings) =>
        settings.SameNode && request.PlacementGroup is { } group ? _nodes.GetValueOrDefault(group) : null;

    private TrialResult NotRun(FailureKind failure, string reason, TrialRequest request, string logPath) => new()
    {
        Status = TrialStatus.Failed,
        Failure = failure,
        Reason = reason,
        StartedAt = _timeProvider.GetUtcNow(),
        LogPath = logPath,
        EventsPath = Path.GetFullPath(request.EventsPath),
    };

    /// <summary>The sbatch options for one trial.</summary>
    internal static List<string> Options(SlurmSettings settings, TrialRequest request, string logPath,
        string workingDirectory, string? node)
    {
        var options = new List<string>
        {
            "--job-name=ailab-trial", $"--output={logPath}", "--open-mode=truncate", $"--chdir={workingDirectory}",
            // The lab retries what the scheduler ends, so it sees every attempt; a requeued job would start again
            // behind its back and blur the queue phase.
            "--no-requeue", "--export=ALL", "--nodes=1", "--ntasks=1",
        };
        if (settings.Cpus is { } cpus) options.Add($"--cpus-per-task={cpus}");
        if (settings.Memory is { } memory) options.Add($"--mem={memory}");
        if (settings.Gpus is { } gpus) options.Add($"--gpus={gpus}");
        if (settings.Partition is { } partition) options.Add($"--partition={partition}");
        if (settings.Account is { } account) options.Add($"--account={account}");
        if (settings.Constraint is { } constraint) options.Add($"--constraint={constraint}");
        if (node is not null) options.Add($"--nodelist={node}");
        var limit = settings.TimeLimit
                    ?? (request.Timeout == Timeout.InfiniteTimeSpan ? null : request.Timeout + TimeSpan.FromMinutes(1));
        if (limit is { } l)
            options.Add(string.Create(CultureInfo.InvariantCulture, $"--time={(int)Math.Ceiling(l.TotalMinutes)}"));
        return options;
    }
}
