using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments.Leases;
using AiLab.Lab.Experiments.Scheduling;
using AiLab.Lab.Machine;
using AiLab.Lab.Variants;
using System.Text.RegularExpressions;

namespace AiLab.Lab.Experiments;

/// <summary>Runs an experiment's schedule: prepares each variant once, runs the trials in their interleaved order,
/// stores each trial the moment it ends, and stores the verdict at the end. Running a stored experiment again
/// resumes it: trials already stored are kept and skipped. The experiment's lease is held throughout, so no other
/// process runs or writes it at the same time.</summary>
public sealed class ExperimentRunner(
    IExperimentStore store,
    ITrialExecutor executor,
    IVariantPreparer preparer,
    LabPaths paths,
    ExperimentLeases? leases = null)
{
    private readonly ExperimentLeases? leases = leases
        ?? (store is ILeaseStore leaseStore ? new ExperimentLeases(leaseStore, LocalHolderProbe.Instance, TimeProvider.System) : null);

    /// <summary>At most this many trials in flight at once (at least 1); null: the executor's free capacity where a
    /// scheduler says it (<see cref="ITrialCapacity"/>), one trial at a time otherwise. Concurrent local trials share
    /// the machine they are measured on, so raising this for local trials trades noise for time.</summary>
    public int? MaxTrialsInFlight
    {
        get => maxTrialsInFlight;
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value, "at least one trial must be in flight");
            maxTrialsInFlight = value;
        }
    }

    private int? maxTrialsInFlight;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IInterleavedTrials> interleaved =
        new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> between the measured trials of experiment
    /// <paramref name="experimentId"/> (that experiment only, not its confirmation) until the handle is
    /// disposed.</summary>
    public IDisposable Interleave(string experimentId, IInterleavedTrials work)
    {
        interleaved[experimentId] = work;
        return new Unregister(() => interleaved.TryRemove(experimentId, out _));
    }

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>Consecutive failed trials of one variant, from its first, after which the experiment stops: a
    /// workload that cannot start should not be retried for every slot of the schedule.</summary>
    public const int FailFastAfter = 3;

    /// <summary>Runs (or resumes) <paramref name="experiment"/>, which must already be stored.</summary>
    public async Task<ExperimentOutcome> RunAsync(
        Experiment experiment, VerdictPolicy policy, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(policy);
        // First of all: a second process resuming the same experiment must run and write nothing. The store is
        // never handed the run's token: Ctrl-C stops the run between trials, and what it measured is still written.
        await using var lease = leases is null
            ? null
            : await leases.AcquireAsync(experiment.Id, CancellationToken.None).ConfigureAwait(false);
        var trials = (await store.GetTrialsAsync(experiment.Id, CancellationToken.None).ConfigureAwait(false)).ToList();
        experiment = experiment with { Status = ExperimentStatus.Running, StatusReason = null };
        await store.UpdateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
        var prepared = new Dictionary<string, PreparedVariant>(StringComparer.Ordinal);
        while (true)
        {
            var stopped = await RunScheduleAsync(experiment, policy, trials, prepared, lease, progress, cancellationToken).ConfigureAwait(false);
            if (stopped is not null) return stopped;
            trials.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
            if (experiment.Kind != ExperimentKind.AB)
            {
                return await FinishAsync(experiment with { Status = ExperimentStatus.Completed }, trials, lease)
                    .ConfigureAwait(false);
            }

            var extension = policy.Calibration is null ? experiment.Extension : null;
            var look = extension is null ? -1 : ExtensionDesign.LookOf(extension, experiment.TrialsPerVariant);
            var lookPolicy = look < 0 ? policy : policy with { Alpha = extension!.NominalAlphas[look] };
            var measured = trials.Where(t => !t.IsWarmup).ToList();
            var verdict = MachineStateJudge.Annotate(ExperimentAnalyzer.Analyze(experiment, trials, lookPolicy), measured, experiment.Pinning);
            if (look < 0)
                return await FinishAsync(experiment with { Status = ExperimentStatus.Completed, Verdict = verdict }, trials, lease).ConfigureAwait(false);

            var decision = ExtensionJudge.Judge(extension!, look, verdict, lookPolicy, measured.Any(t => !t.Result.Succeeded));
            if (!decision.Extend)
            {
                var notes = extension!.Extensions.Concat(verdict.Overall == Verdict.Inconclusive ? [decision.Reason] : []).ToList();
                var completed = experiment with
                {
                    Status = ExperimentStatus.Completed,
                    Verdict = verdict with { Notes = [.. verdict.Notes, .. notes] },
                };
                return await FinishAsync(completed, trials, lease).ConfigureAwait(false);
            }

            experiment = experiment with
            {
                TrialsPerVariant = decision.NextTrials,
                Extension = extension! with { Extensions = [.. extension!.Extensions, decision.Reason] },
            };
            await store.UpdateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
            Extended?.Invoke(experiment, decision.Reason);
        }
    }

    /// <summary>Called before each wave of trials that run at once (one trial, or whole blocks of the schedule), with
    /// its slots in schedule order.</summary>
    public event Action<Experiment, IReadOnlyList<ScheduledTrial>>? WaveStarting;

    /// <summary>Called when an inconclusive default experiment is extended to its next look, with the reason.</summary>
    public event Action<Experiment, string>? Extended;

    /// <summary>Prepares the variants the remaining slots need and runs those slots; returns the outcome when the
    /// experiment must stop (interrupted, failed), null when the schedule ran to its end (or a sequential
    /// stop).</summary>
    private async Task<ExperimentOutcome?> RunScheduleAsync(
        Experiment experiment, VerdictPolicy policy, List<TrialRecord> trials, Dictionary<string, PreparedVariant> prepared,
        HeldLease? lease,
        IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        var done = trials.Select(t => t.Sequence).ToHashSet();
        var schedule = TrialSchedule.Build(
            experiment.Variants.Select(v => v.Label).ToList(), experiment.TrialsPerVariant, experiment.WarmupPerVariant, experiment.Seed);
        foreach (var variant in experiment.Variants)
        {
            if (prepared.ContainsKey(variant.Label) || schedule.All(s => s.Variant != variant.Label || done.Contains(s.Sequence))) continue;
            progress?.Report(new ExperimentProgress
            {
                Kind = ExperimentProgressKind.BuildStarted, Variant = variant.Label, Message = variant.Describe(),
                Done = done.Count, Total = schedule.Count,
            });
            PreparedVariant ready;
            try
            {
                ready = preparer.Prepare(experiment, variant, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The build cache throws when cancelled mid-build; that is a Ctrl-C, not a crash, and --resume
                // rebuilds.
                return await FinishAsync(
                    experiment with { Status = ExperimentStatus.Interrupted, StatusReason = "interrupted while building" },
                    trials, lease).ConfigureAwait(false);
            }

            progress?.Report(new ExperimentProgress
            {
                Kind = ExperimentProgressKind.BuildFinished, Variant = variant.Label, Done = done.Count, Total = schedule.Count,
                Message = ready.Succeeded ? (ready.BuildReused ? "build reused from cache" : "ready") : ready.Reason,
            });
            if (cancellationToken.IsCancellationRequested)
            {
                return await FinishAsync(
                    experiment with { Status = ExperimentStatus.Interrupted, StatusReason = $"interrupted while " +
                        $"building" }, trials, lease).ConfigureAwait(false);
            }

            if (!ready.Succeeded)
            {
                var reason = $"variant {variant.Label} ({variant.Describe()}) could not be prepared: {ready.Reason}";
                return await FinishAsync(experiment with { Status = ExperimentStatus.Failed, StatusReason = reason }, trials, lease).ConfigureAwait(false);
            }
            prepared[variant.Label] = ready;
        }

        var pattern = experiment.Workflow.FirstBatchPattern is { } p ? new Regex(p, RegexOptions.CultureInvariant) : null;
        // A sequential experiment that already stopped (a resume, a recomputed verdict) runs nothing more.
        var decided = experiment.Sequential is { } design && experiment.Kind == ExperimentKind.AB &&
                      SequentialRule.Decide(design, Ttfb(trials, experiment.Variants[0].Label),
                          Ttfb(trials, experiment.Variants[1].Label))
                          is { Action: not Stats.Sequential.SequentialAction.Continue };
        if (decided) return null;
        var pending = schedule.Where(s => !done.Contains(s.Sequence)).ToList();
        var waves = new TrialWaves(experiment.Variants.Count, experiment.WarmupPerVariant,
            experiment.Kind == ExperimentKind.AB ? experiment.Sequential?.Looks : null);
        var waveNumber = 0;
        while (pending.Count > 0)
        {
            // Every variant's request must fit: a variant that asks for more (its own SBATCH_* settings) would
            // otherwise wait in the queue behind its partner, and the partner's wait would be counted as queueing.
            var next = pending.GroupBy(s => s.Variant, StringComparer.Ordinal)
                .Select(g => Request(experiment, prepared[g.Key], g.First(), pattern)).ToList();
            var slots = await SlotsAsync(next, cancellationToken).ConfigureAwait(false);
            var wave = waves.Next(pending, slots);
            waveNumber++;
            pending.RemoveRange(0, wave.Count);
            WaveStarting?.Invoke(experiment, wave);
            // The blocks this wave starts whole, side by side: their trials share the moment (the scheduler's pass)
            // and the verdict compares them paired. One trial at a time never pairs.
            var variants = experiment.Variants.Count;
            var sideBySide = wave.Count < 2 ? [] : wave.GroupBy(s => s.Sequence / variants)
                .Where(g => g.Count() == variants).Select(g => g.Key).ToHashSet();
            var stored = new Dictionary<int, TrialRecord>();
            var ran = await WaveDispatcher.RunAsync(
                wave,
                slot =>
                {
                    var footprint = paths.TrialFootprint(experiment.Id, slot.Sequence, slot.Variant);
                    // A rerun slot's probe must not find a stale footprint.
                    if (File.Exists(footprint)) File.Delete(footprint);
                    var block = slot.Sequence / variants;
                    var request = Request(experiment, prepared[slot.Variant], slot, pattern) with
                    {
                        // A block's trials are made eligible together (one scheduler pass), not one sbatch apart.
                        StartTogether = sideBySide.Contains(block)
                            ? new StartGroup($"{experiment.Id}/wave {waveNumber}/block {block}", variants) : null,
                    };
                    return executor.RunAsync(request, cancellationToken);
                },
                async (slot, result) =>
                {
                    // An interrupted trial measured nothing; leaving its slot empty lets --resume run it again.
                    if (result.Failure == FailureKind.Interrupted) return;
                    var block = slot.Sequence / variants;
                    var record = new TrialRecord(experiment.Id, slot.Sequence, slot.Variant, slot.IsWarmup,
                        sideBySide.Contains(block) ? result with { Block = block } : result);
                    // Stored the moment it ends, even when Ctrl-C came meanwhile: what ran is never lost.
                    if (lease is not null) await lease.ThrowIfLostAsync(CancellationToken.None).ConfigureAwait(false);
                    await store.AddTrialAsync(record, CancellationToken.None).ConfigureAwait(false);
                    stored[slot.Sequence] = record;
                    progress?.Report(new ExperimentProgress
                    {
                        Kind = ExperimentProgressKind.TrialFinished, Variant = slot.Variant, Trial = record,
                        Done = trials.Count + stored.Count, Total = schedule.Count,
                    });
                }).ConfigureAwait(false);

            var interrupted = ran.Where(r => r.Result.Failure == FailureKind.Interrupted)
                .Select(r => r.Slot.Sequence).ToList();
            var stop = interrupted.Count > 0 || cancellationToken.IsCancellationRequested;
            string? failed = null;
            // Decisions are taken on the wave's trials in schedule order, exactly as one at a time.
            foreach (var (slot, _) in ran.Where(r => stored.ContainsKey(r.Slot.Sequence)))
            {
                var record = stored[slot.Sequence];
                trials.Add(record);
                if (stop || failed is not null) continue;
                if (experiment.Sequential is { } plan && StopsHere(experiment, plan, trials, policy))
                    stop = true;
                else if (FailsFast(experiment, trials, slot.Variant) is { } reason)
                    failed = reason + record.Result.Reason;
            }

            // Profiled trials run between waves, never while measured trials are in flight.
            if (!stop && failed is null && ran.Any(r => !r.Slot.IsWarmup) &&
                interleaved.TryGetValue(experiment.Id, out var extra))
                await extra.AfterMeasuredTrialAsync(trials.Count(t => !t.IsWarmup), schedule.Count(s => !s.IsWarmup),
                    cancellationToken).ConfigureAwait(false);

            if (interrupted.Count > 0 || cancellationToken.IsCancellationRequested)
            {
                var reason = interrupted.Count == 0
                    ? $"interrupted after trial {ran[^1].Slot.Sequence}"
                    : $"interrupted during trial{(interrupted.Count == 1 ? "" : "s")} {string.Join(", ", interrupted)}";
                var stopped = experiment with { Status = ExperimentStatus.Interrupted, StatusReason = reason };
                return await FinishAsync(stopped, trials, lease).ConfigureAwait(false);
            }

            if (failed is not null)
            {
                var stopped = experiment with { Status = ExperimentStatus.Failed, StatusReason = failed };
                return await FinishAsync(stopped, trials, lease).ConfigureAwait(false);
            }

            if (stop) break;
        }

        return null;
    }

    /// <summary>How many trials may be in flight for the next wave: the scheduler's free capacity for the least of
    /// <paramref name="requests"/> (one per variant still to run), capped by <see cref="MaxTrialsInFlight"/>; one
    /// for local trials unless <see cref="MaxTrialsInFlight"/> raises it.</summary>
    private async Task<int> SlotsAsync(IReadOnlyList<TrialRequest> requests, CancellationToken cancellationToken)
    {
        int? free = null;
        if (executor is ITrialCapacity capacity && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var request in requests)
                {
                    var slots = await capacity.FreeSlotsAsync(request, cancellationToken).ConfigureAwait(false);
                    if (slots is null) continue;
                    free = Math.Min(free ?? int.MaxValue, slots.Value);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 1;
            }
        }

        return free is { } f ? Math.Max(1, Math.Min(f, MaxTrialsInFlight ?? int.MaxValue)) : MaxTrialsInFlight ?? 1;
    }

    /// <summary>The start of the reason when the first trials of <paramref name="variant"/> all failed (then the
    /// experiment stops); null otherwise.</summary>
    private static string? FailsFast(Experiment experiment, List<TrialRecord> trials, string variant)
    {
        var ofVariant = trials.Where(t => t.Variant == variant).ToList();
        return ofVariant.Count >= FailFastAfter && ofVariant.Count <= FailFastAfter + experiment.WarmupPerVariant
               && ofVariant.All(t => !t.Result.Succeeded)
            ? $"the first {ofVariant.Count} trials of {variant} all failed, so the experiment stopped: "
            : null;
    }

    private TrialRequest Request(Experiment experiment, PreparedVariant ready, ScheduledTrial slot, Regex? pattern)
    {
        var environment = new Dictionary<string, string?>(ready.Environment, StringComparer.Ordinal)
        {
            [Footprints.TrialFootprintFile.Variable] = paths.TrialFootprint(experiment.Id, slot.Sequence, slot.Variant),
        };
        return new TrialRequest(
            experiment.Workflow.Run,
            ready.WorkingDirectory,
            environment,
            experiment.Workflow.Timeout,
            paths.TrialLog(experiment.Id, slot.Sequence, slot.Variant),
            paths.TrialEvents(experiment.Id, slot.Sequence, slot.Variant),
            pattern,
            experiment.Workflow.Slurm is null ? experiment.Workflow.Cpus : null,
            experiment.Workflow.EnvPolicy,
            experiment.Workflow.NeededMarks(),
            // Warm-ups run to completion: their tail after the marks is what each stopped trial saved
            // (Capacity/StopSavings), measured in the same experiment instead of guessed.
            StopAtMarks: experiment.Workflow.RunTo == RunTo.Marks && !slot.IsWarmup,
            Gpus: experiment.Workflow.Gpus,
            Slurm: experiment.Workflow.Slurm,
            PlacementGroup: experiment.Id);
    }

    /// <summary>True when the trials just reached a look of the sequential design and it decided; the rest of the
    /// schedule is then not run.</summary>
    private static bool StopsHere(
        Experiment experiment, SequentialPlan plan, List<TrialRecord> trials, VerdictPolicy policy)
    {
        if (experiment.Kind != ExperimentKind.AB) return false;
        var a = Ttfb(trials, experiment.Variants[0].Label);
        var b = Ttfb(trials, experiment.Variants[1].Label);
        var look = SequentialRule.LookReached(plan, Math.Min(a.Count, b.Count));
        // Decide only at the moment a look is reached, never again on the trials after it.
        if (look < 0 || Math.Min(a.Count, b.Count) != plan.Looks[look]) return false;
        var decision = SequentialRule.Decide(plan, a, b);
        if (decision is not null && decision.Action != Stats.Sequential.SequentialAction.Continue) return true;
        // A phase that decides the family at this look (its level is the design's α over its looks, so stopping on
        // it at any look keeps the rate) settles the experiment as well as TTFB's boundary would.
        var decidedBy = ExperimentAnalyzer.Analyze(experiment, trials, policy).Basis?.DecidedBy;
        return decidedBy is not null && MetricCatalog.IsPhase(decidedBy);
    }

    private static List<double> Ttfb(List<TrialRecord> trials, string label) => trials
        .Where(t => t.Variant == label && !t.IsWarmup && t.Result.Succeeded && t.Result.TtfbMs is > 0)
        .OrderBy(t => t.Sequence)
        .Select(t => t.Result.TtfbMs!.Value)
        .ToList();

    private async Task<ExperimentOutcome> FinishAsync(Experiment experiment, List<TrialRecord> trials, HeldLease? lease)
    {
        // A holder that lost its lease must not overwrite the status or verdict its successor writes.
        // Not cancellable: an interrupted experiment's status is what --resume reads.
        if (lease is not null) await lease.ThrowIfLostAsync(CancellationToken.None).ConfigureAwait(false);
        await store.UpdateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
        trials.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        return new ExperimentOutcome(experiment, trials);
    }
}
