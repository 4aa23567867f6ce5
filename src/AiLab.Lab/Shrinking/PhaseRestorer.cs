using AiLab.Core.Trials;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Shrinking;

/// <summary>Finds which rule left a phase unrepresented and keeps that rule's production values when doing so is
/// affordable. For each phase whose share of TTFB fell more than <see cref="FidelityCheck.MaxShareFactor"/> (largest
/// production share first), the rules that scale the work are undone one at a time, most plausible first
/// (<see cref="RestoreOrder"/>): the shrunk test is derived again with that rule's values kept, written, and measured
/// (the production measurement is reused). A restore is kept only when the phase is represented again, fidelity still
/// passes and the shrunk test costs at most <see cref="MaxCostFactor"/> times what the rules alone gave; otherwise the
/// rule's values stay shrunk and the next rule is tried.</summary>
/// <remarks>Why undo one rule at a time rather than the data subset whenever a phase is lost: a phase can be shrunk by
/// any rule (the model's width shrinks its construction, the data subset its preprocessing), and undoing the wrong
/// one keeps work the test does not need and brings nothing back. Why a budget: a phase that is most of the
/// production cost is what the shrinking saves; bringing it back would give the production cost again. Before
/// measuring, the restore's cost is estimated as if the phase came back whole (the shrunk cost, less the phase's
/// shrunk CPU time, plus its production CPU time: phases' CPU stamps, else its share of the trial's CPU); when even
/// that is over budget nothing is run and the report names the rule most plausibly behind the phase (its name and
/// keys) and how to keep it anyway (<c>shrink: {keep: [...]}</c>).</remarks>
public sealed class PhaseRestorer(ISizeMeasurer measurer)
{
    /// <summary>The shrunk test with its restores may cost at most this many times the shrunk test the rules give
    /// (so it keeps at least half of the saving, in ratio).</summary>
    public const double MaxCostFactor = 2.0;

    /// <summary>Measures both sizes and restores what is needed and affordable; <paramref name="write"/> writes a
    /// derivation to disk before it is measured, and again at the end if the one measured last is not the one
    /// kept.</summary>
    public async Task<(ShrunkWorkflow Shrunk, FidelityReport Report)> RunAsync(
        ShrunkWorkflow shrunk, string root, int runs, Func<ShrunkWorkflow, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shrunk);
        ArgumentNullException.ThrowIfNull(write);
        var production = await measurer.MeasureAsync(shrunk.Production, root, runs, ct).ConfigureAwait(false);
        var small = await measurer.MeasureAsync(shrunk.Shrunk, root, runs, ct).ConfigureAwait(false);
        var report = FidelityCheck.Compare(production, small);
        var lost = Lost(report).ToList();
        if (!report.Passed || lost.Count == 0) return (shrunk, report);

        var budget = MaxCostFactor * report.ShrunkCpuMs;
        var current = (Shrunk: shrunk, Report: report, Size: small);
        var written = shrunk;
        var kept = new List<string>();
        var attempts = new List<RestoreAttempt>();
        var tried = new Dictionary<string, (ShrunkWorkflow Shrunk, FidelityReport Report, SizeMeasurement Size)>(
            StringComparer.Ordinal);
        foreach (var phase in lost)
        {
            var share = current.Report.Shares.First(s => s.Phase == phase.Phase);
            if (share.Represented) continue; // an earlier restore brought it back too
            var rules = RestoreOrder.For(phase.Phase, shrunk.Changes).Where(r => !kept.Contains(r)).ToList();
            var estimate = current.Report.ShrunkCpuMs - PhaseCpu(current.Size, phase.Phase, current.Report.ShrunkCpuMs)
                           + PhaseCpu(production, phase.Phase, report.ProductionCpuMs);
            if (rules.Count > 0 && estimate > budget)
            {
                attempts.Add(Attempt(phase, rules[0], shrunk, RestoreOutcome.TooCostly, share, null, estimate, budget,
                    false));
                continue;
            }

            foreach (var rule in rules)
            {
                var key = string.Join("|", kept.Append(rule).Order(StringComparer.Ordinal));
                if (!tried.TryGetValue(key, out var trial))
                {
                    if (!TryDerive(shrunk, root, kept.Append(rule).ToList(), out var again))
                    {
                        // Nothing would be left to shrink: with these values kept the test is the production run.
                        attempts.Add(Attempt(phase, rule, shrunk, RestoreOutcome.NothingLeft, share, null,
                            report.ProductionCpuMs, budget, false));
                        continue;
                    }

                    await write(again).ConfigureAwait(false);
                    written = again;
                    var size = await measurer.MeasureAsync(again.Shrunk, root, runs, ct).ConfigureAwait(false);
                    trial = (again, FidelityCheck.Compare(production, size), size);
                    tried[key] = trial;
                }

                var back = trial.Report.Shares.FirstOrDefault(s => s.Phase == phase.Phase)?.Represented == true;
                var outcome = !trial.Report.Passed ? RestoreOutcome.FidelityFailed
                    : !back ? RestoreOutcome.NotTheCause
                    : trial.Report.ShrunkCpuMs > budget ? RestoreOutcome.TooCostly : RestoreOutcome.Kept;
                attempts.Add(Attempt(phase, rule, shrunk, outcome, share, trial.Report, trial.Report.ShrunkCpuMs,
                    budget, true));
                if (outcome != RestoreOutcome.Kept) continue;
                kept.Add(rule);
                current = trial;
                break;
            }
        }

        var target = kept.Count == 0 ? shrunk : current.Shrunk;
        var keptChanges = shrunk.Changes.Where(c => kept.Contains(c.Rule)).ToList();
        var broughtBack = attempts.Where(a => a.Outcome == RestoreOutcome.Kept).Select(a => a.Phase).ToList();
        var final = target with { Restored = keptChanges, RestoredFor = broughtBack };
        // The files on disk are those measured last: put the kept derivation back when a later try was not kept.
        if (!ReferenceEquals(written, target)) await write(final).ConfigureAwait(false);
        var finalReport = (kept.Count == 0 ? report : current.Report) with { Restores = attempts };
        return (final, finalReport);
    }

    /// <summary>The phases whose share fell too far, largest production share first.</summary>
    private static IEnumerable<PhaseShare> Lost(FidelityReport report) =>
        report.Shares.Where(s => !s.Represented && s.Shrunk < s.Production).OrderByDescending(s => s.Production);

    private static bool TryDerive(ShrunkWorkflow shrunk, string root, IReadOnlyList<string> rules,
        out ShrunkWorkflow derived)
    {
        try
        {
            derived = Derive(shrunk, root, rules);
            return true;
        }
        catch (ShrinkException)
        {
            // The first derivation succeeded, so the only way this one fails is that no change is left to make.
            derived = shrunk;
            return false;
        }
    }

    private static ShrunkWorkflow Derive(ShrunkWorkflow shrunk, string root, IReadOnlyList<string> rules)
    {
        var restored = shrunk.Changes.Where(c => rules.Contains(c.Rule)).ToList();
        var keys = restored.Select(c => c.Key);
        var settings = shrunk.Production.Shrink with
        {
            Keep = shrunk.Production.Shrink.Keep.Concat(keys).Distinct(StringComparer.Ordinal).ToList(),
        };
        return Shrinker.Derive(shrunk.Production with { Shrink = settings }, root) with
        {
            Production = shrunk.Production, Restored = restored,
        };
    }

    /// <summary>A phase's median CPU time per trial: its CPU stamps, else its share of TTFB times the trial's CPU
    /// (a workload whose probe does not stamp CPU).</summary>
    private static double PhaseCpu(SizeMeasurement size, string phase, double trialCpuMs)
    {
        var ok = size.Trials.Where(t => t.Result.Succeeded).Select(t => t.Result).ToList();
        var stamped = ok.Select(r => r.Phases.FirstOrDefault(p => p.Name == phase)?.CpuMs)
            .OfType<double>().ToList();
        if (stamped.Count > 0) return Descriptive.Median(stamped);
        var shares = ok.Where(r => r.TtfbMs is > 0).Select(r => Share(r, phase)).Where(s => !double.IsNaN(s)).ToList();
        return shares.Count > 0 ? Descriptive.Median(shares) * trialCpuMs : 0;
    }

    private static double Share(TrialResult r, string phase) =>
        r.Phases.FirstOrDefault(p => p.Name == phase) is { } p ? p.DurationMs / r.TtfbMs!.Value : double.NaN;

    private static RestoreAttempt Attempt(PhaseShare lost, string rule, ShrunkWorkflow shrunk, RestoreOutcome outcome,
        PhaseShare before, FidelityReport? after, double cpuMs, double budget, bool measured) =>
        new(lost.Phase, rule, shrunk.Changes.Where(c => c.Rule == rule).ToList(), outcome, lost.Production,
            before.Shrunk, after?.Shares.FirstOrDefault(s => s.Phase == lost.Phase)?.Shrunk, cpuMs, budget, measured);
}
