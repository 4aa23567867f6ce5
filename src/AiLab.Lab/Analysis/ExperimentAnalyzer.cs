using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Analysis;

/// <summary>Turns an A/B experiment's trials into its verdict: every metric compared, the overall verdict (TTFB and
/// its phases tested as one family, <see cref="PhaseDecomposedRule"/>), the phase that caused it, and notes on
/// failures and on other metrics that moved.</summary>
public static class ExperimentAnalyzer
{
    /// <summary>Analyzes the measured (non-warm-up) trials of the experiment's first two variants.</summary>
    public static ExperimentVerdict Analyze(Experiment experiment, IReadOnlyList<TrialRecord> trials, VerdictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(trials);
        if (experiment.Variants.Count != 2)
            throw new ArgumentException($"an A/B verdict needs two variants, experiment {experiment.Id} has {experiment.Variants.Count}");
        var labelA = experiment.Variants[0].Label;
        var labelB = experiment.Variants[1].Label;
        var measured = trials.Where(t => !t.IsWarmup).ToList();
        var valuesA = RunSummary.Metrics(measured.Where(t => t.Variant == labelA)).ToDictionary(m => m.Name, m => m.Values, StringComparer.Ordinal);
        var valuesB = RunSummary.Metrics(measured.Where(t => t.Variant == labelB)).ToDictionary(m => m.Name, m => m.Values, StringComparer.Ordinal);

        var phaseOrder = measured.Where(t => t.Result.Succeeded).SelectMany(t => t.Result.Phases.Select(p => p.Name)).Distinct().ToList();
        var names = MetricCatalog.Order(valuesA.Keys.Union(valuesB.Keys), phaseOrder).ToList();
        if (!names.Contains(MetricCatalog.Ttfb)) names.Insert(0, MetricCatalog.Ttfb);

        // Trials that ran side by side in blocks are compared paired by block; trials run one at a time never are.
        var pairing = BlockPairing.Of(measured, labelA, labelB);
        var minimumBlocks = BlockPairing.MinimumBlocks(policy);
        var ownRule = experiment.Sequential is not null || policy.Calibration is not null;
        var paired = pairing.SideBySide && !ownRule && pairing.Values(MetricCatalog.Ttfb).Count >= minimumBlocks;
        var comparisons = names.Select(name =>
        {
            var a = valuesA.GetValueOrDefault(name) ?? [];
            var b = valuesB.GetValueOrDefault(name) ?? [];
            var pairs = paired ? pairing.Values(name) : [];
            return pairs.Count >= minimumBlocks
                ? PairedComparer.Compare(name, a, b, pairs, policy)
                : MetricComparer.Compare(name, a, b, policy, SeedFor(experiment.Seed, name));
        }).ToList();

        var primaryIndex = names.IndexOf(MetricCatalog.Ttfb);
        var primaryA = valuesA.GetValueOrDefault(MetricCatalog.Ttfb) ?? [];
        var primaryB = valuesB.GetValueOrDefault(MetricCatalog.Ttfb) ?? [];
        DecisionBasis basis;
        // The family's level: α of the defaults; where TTFB has its own calibrated or sequential test, the phases are
        // a Holm family of their own at the calibration's budget, or at the design's α split over its looks.
        var ttfbInFamily = false;
        double level;
        if (experiment.Sequential is { } plan
            && SequentialRule.Decide(plan, primaryA, primaryB) is
                { Action: not Stats.Sequential.SequentialAction.Continue } decision)
        {
            (comparisons[primaryIndex], basis) = SequentialRule.Apply(comparisons[primaryIndex], plan, decision, policy);
            level = plan.Alpha / plan.Looks.Count;
        }
        else if (policy.Calibration is { } calibration && primaryA.Count >= policy.MinTrials && primaryB.Count >= policy.MinTrials)
        {
            (comparisons[primaryIndex], basis) = CalibratedRule.Apply(comparisons[primaryIndex], primaryA, primaryB, policy, calibration);
            ttfbInFamily = basis.CalibrationId is null;
            level = ttfbInFamily ? policy.Alpha : calibration.Selection.Budget;
        }
        else
        {
            basis = DefaultRule.Basis(comparisons[primaryIndex], primaryA.Count, primaryB.Count, policy, policy.CalibrationNote);
            ttfbInFamily = true;
            level = experiment.Sequential is { } undecided ? undecided.Alpha / undecided.Looks.Count : policy.Alpha;
        }

        var familyPhases = PhaseDecomposedRule.FamilyPhases(phaseOrder);
        var cpuPhases = CpuBoundPhases.Select(measured.Where(t => t.Variant == labelA),
            measured.Where(t => t.Variant == labelB), familyPhases, policy.MinTrials);
        var family = PhaseDecomposedRule.Decide(comparisons, familyPhases, level, ttfbInFamily, policy, cpuPhases);
        comparisons = family.Metrics.ToList();
        var primary = comparisons[primaryIndex];
        // A phase decided on its CPU time is still that phase: bisection and profiling look for it by name.
        var cause = family.DecidedBy is { } by && MetricCatalog.IsPhase(by) ? by
            : family.DecidedBy is { } cpu && MetricCatalog.IsPhaseCpu(cpu) ? MetricCatalog.WallOf(cpu)
            : FindCause(family.Overall, comparisons);
        return new ExperimentVerdict
        {
            Overall = family.Overall,
            PrimaryMetric = MetricCatalog.Ttfb,
            Cause = cause,
            Metrics = comparisons,
            Basis = basis with
            {
                DecidedBy = family.DecidedBy, FamilySize = family.FamilySize, FamilyAlpha = family.Level,
                TtfbChangePct = family.TtfbChangePct, TtfbCiPct = family.TtfbCiPct, Summary = family.Summary,
            },
            Notes = [.. PairingNotes(pairing, paired, ownRule, minimumBlocks, policy),
                     .. Notes(measured, labelA, labelB, primary, family, cause, comparisons)],
        };
    }

    /// <summary>Says how trials that ran side by side were compared: paired by block (and which blocks were left
    /// out), or why not.</summary>
    private static IEnumerable<string> PairingNotes(
        BlockPairing pairing, bool paired, bool ownRule, int minimumBlocks, VerdictPolicy policy)
    {
        if (!pairing.SideBySide) yield break;
        var dropped = pairing.Dropped == 0
            ? ""
            : $"; {pairing.Dropped} block{(pairing.Dropped == 1 ? "" : "s")} left out "
              + "(an unpaired leftover or a failed partner)";
        var blocks = pairing.Complete.Count;
        if (paired)
        {
            yield return $"A and B ran side by side: compared paired by block, {blocks} blocks{dropped}";
        }
        else if (ownRule)
        {
            yield return "A and B ran side by side, but the calibrated or sequential rule compares them as "
                         + "independent samples";
        }
        else
        {
            var alpha = policy.Alpha.ToString(CultureInfo.InvariantCulture);
            yield return $"A and B ran side by side, but only {blocks} complete blocks{dropped}: the paired test "
                         + $"needs {minimumBlocks} (the Wilcoxon signed-rank check cannot reach α = {alpha} with "
                         + "fewer), so they were compared as independent samples";
        }
    }

    private static string? FindCause(Verdict overall, IReadOnlyList<MetricComparison> comparisons)
    {
        if (overall is not (Verdict.Regression or Verdict.Improvement)) return null;
        return comparisons
            .Where(c => MetricCatalog.IsPhase(c.Name) && c.Verdict == overall)
            .OrderByDescending(c => Math.Abs(c.Diff))
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static List<string> Notes(
        List<TrialRecord> measured,
        string labelA,
        string labelB,
        MetricComparison primary,
        FamilyDecision family,
        string? cause,
        List<MetricComparison> comparisons)
    {
        var notes = new List<string>();
        foreach (var label in new[] { labelA, labelB })
        {
            var failed = measured.Where(t => t.Variant == label && !t.Result.Succeeded).ToList();
            if (failed.Count == 0) continue;
            var total = measured.Count(t => t.Variant == label);
            var reasons = failed.Select(t => t.Result.Reason ?? t.Result.Failure.ToString()).Distinct().Take(3);
            notes.Add($"{label}: {failed.Count} of {total} trials failed and were left out: {string.Join("; ", reasons)}");
        }

        if (family.Overall is Verdict.Regression or Verdict.Improvement && cause is null)
            notes.Add("no single phase moved significantly: the change is spread over several phases or lies outside the marked phases");

        if (family.Overall is not (Verdict.Regression or Verdict.Improvement))
        {
            foreach (var c in comparisons.Where(c => MetricCatalog.IsPhase(c.Name) && c.Verdict is Verdict.Regression or Verdict.Improvement))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Name} shows {c.Verdict.ToWire()}: {c.Diff:+0.0;-0.0} {c.Unit} (CI [{c.CiDiff[0]:+0.0;-0.0}, " +
                    $"{c.CiDiff[1]:+0.0;-0.0}]), but {primary.Name} as a whole is {primary.Verdict.ToWire()}"));
            }
        }

        foreach (var c in comparisons.Where(c => !MetricCatalog.IsPhase(c.Name) && c.Name != primary.Name &&
                                                 c.Verdict is Verdict.Regression or Verdict.Improvement))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name} also shows {c.Verdict.ToWire()}: {c.ChangePct:+0.#;-0.#}%"));
        }

        if (StopWindowNote(measured) is { } window) notes.Add(window);
        return notes;
    }

    /// <summary>Says what a stop cut short: resource metrics of a stopped trial cover only the run up to its stop.</summary>
    internal static string? StopWindowNote(IReadOnlyList<TrialRecord> measured)
    {
        var succeeded = measured.Where(t => t.Result.Succeeded).ToList();
        var stopped = succeeded.Where(t => t.Result.Stop is not null).ToList();
        if (stopped.Count == 0) return null;
        var marks = string.Join(", ", stopped.Select(t => t.Result.Stop!.AfterMark).Distinct(StringComparer.Ordinal));
        return $"{MetricCatalog.CpuTime} and {MetricCatalog.PeakRss} cover each trial up to its stop after {marks}, "
               + $"not the whole run: {stopped.Count} of {succeeded.Count} measured trials were stopped once their "
               + "marks had arrived (run_to: completion measures whole runs)";
    }

    /// <summary>A per-metric seed that does not depend on the runtime's randomized string hashing.</summary>
    private static int SeedFor(int experimentSeed, string metric)
    {
        unchecked
        {
            var h = experimentSeed;
            foreach (var ch in metric) h = (h * 31) + ch;
            return h;
        }
    }
}
