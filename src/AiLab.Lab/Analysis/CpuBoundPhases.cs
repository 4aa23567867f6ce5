using AiLab.Core.Experiments;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Analysis;

/// <summary>Which phases are CPU-bound, so that their CPU time may be judged in place of their wall time
/// (<see cref="PhaseDecomposedRule"/>).</summary>
/// <remarks>
/// A phase counts as CPU-bound when, in the baseline's trials, (1) it ran on CPU for at least
/// <see cref="MinBusyShare"/> of its wall time <i>relative to the trial's busiest phase</i> (median over trials of
/// the phase's CPU-to-wall ratio over the highest such ratio among the trial's phases) — under load every computing
/// phase gets the same share of a core (a third of it at a load of 30 on two cores), while a phase that waits (a sleep,
/// a lock, a child process, a GPU, the network) runs on CPU for a sliver of its wall time however quiet the machine;
/// (2) that busiest ratio is at least <see cref="MinCoreShare"/> (a workload that only waits has no computing phase
/// to compare with); and (3) in both variants its median CPU-to-wall ratio is at most <see cref="MaxCores"/>: the
/// work ran on one core at a time, so added CPU work adds at least as much wall time on an idle machine and the CPU
/// shift estimates the wall shift. Heuristic thresholds, not a test: the statistics are in the Holm family; this
/// only decides who may join it.
/// </remarks>
public static class CpuBoundPhases
{
    /// <summary>The share of the trial's busiest CPU-to-wall ratio a CPU-bound phase reaches (median over A's
    /// trials).</summary>
    public const double MinBusyShare = 0.5;

    /// <summary>The lowest CPU-to-wall ratio of the trial's busiest phase for any of its phases to count.</summary>
    public const double MinCoreShare = 0.05;

    /// <summary>The median CPU-to-wall ratio above which a phase is parallel (more than one core's worth).</summary>
    public const double MaxCores = 1.1;

    /// <summary>The <c>phase_cpu:</c> metrics of the CPU-bound phases among <paramref name="familyPhases"/>
    /// (<c>phase:</c> names), judged on the successful measured trials of each variant.</summary>
    public static IReadOnlyList<string> Select(
        IEnumerable<TrialRecord> a, IEnumerable<TrialRecord> b, IReadOnlyList<string> familyPhases, int minTrials)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(familyPhases);
        var ratiosA = Ratios(a);
        var ratiosB = Ratios(b);
        var selected = new List<string>();
        foreach (var metric in familyPhases)
        {
            var phase = metric[MetricCatalog.PhasePrefix.Length..];
            if (!ratiosA.TryGetValue(phase, out var ra) || !ratiosB.TryGetValue(phase, out var rb)) continue;
            if (ra.Count < Math.Max(2, minTrials) || rb.Count < Math.Max(2, minTrials)) continue;
            var relative = ra.Where(r => r.Busiest >= MinCoreShare).Select(r => r.Ratio / r.Busiest).ToList();
            if (relative.Count < Math.Max(2, minTrials)) continue;
            if (Descriptive.Median(relative) >= MinBusyShare
                && Descriptive.Median(ra.Select(r => r.Ratio).ToList()) <= MaxCores
                && Descriptive.Median(rb.Select(r => r.Ratio).ToList()) <= MaxCores)
                selected.Add(MetricCatalog.PhaseCpuPrefix + phase);
        }

        return selected;
    }

    /// <summary>Per phase, each trial's CPU-to-wall ratio and the highest ratio (capped at one core) among that
    /// trial's phases.</summary>
    private static Dictionary<string, List<(double Ratio, double Busiest)>> Ratios(IEnumerable<TrialRecord> trials)
    {
        var ratios = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (var trial in trials.Where(t => !t.IsWarmup && t.Result.Succeeded))
        {
            // A phase under a millisecond has no meaningful ratio (the stamps' own granularity).
            var timed = trial.Result.Phases.Where(p => p.CpuMs is not null && p.DurationMs >= 1)
                .Select(p => (p.Name, Ratio: p.CpuMs!.Value / p.DurationMs)).ToList();
            if (timed.Count == 0) continue;
            var busiest = Math.Min(1, timed.Max(p => p.Ratio));
            foreach (var (name, ratio) in timed)
            {
                if (!ratios.TryGetValue(name, out var list)) ratios[name] = list = [];
                list.Add((ratio, busiest));
            }
        }

        return ratios;
    }
}
