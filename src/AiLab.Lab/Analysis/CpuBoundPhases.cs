using AiLab.Core.Experiments;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Analysis;

/// <summary>Which phases are CPU-bound, so that their CPU time may be judged in place of their wall time
/// (<see cref="PhaseDecomposedRule"/>).</summary>
/// <remarks>
/// A phase counts as CPU-bound when, in the baseline's trials, (1) its least-disturbed trial spent at least
/// <see cref="MinBusyShare"/> of its wall time on CPU — a phase that waits (a sleep, a lock, a child process, a GPU,
/// the network) never does, however quiet the machine, while a computing phase does in the trial that got a core
/// most of the time — and (2) in both variants the median CPU-to-wall ratio is at most
/// <see cref="MaxCores"/>: the work ran on one core at a time, so added CPU work adds at least as much wall time on an
/// idle machine and the CPU shift estimates the wall shift. Heuristic thresholds, not a test: the statistics are in the
/// Holm family; this only decides who may join it.
/// </remarks>
public static class CpuBoundPhases
{
    /// <summary>The share of its wall time the baseline's most CPU-busy trial must spend on CPU.</summary>
    public const double MinBusyShare = 0.5;

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
            if (ra.Max() >= MinBusyShare && Descriptive.Median(ra) <= MaxCores && Descriptive.Median(rb) <= MaxCores)
                selected.Add(MetricCatalog.PhaseCpuPrefix + phase);
        }

        return selected;
    }

    private static Dictionary<string, List<double>> Ratios(IEnumerable<TrialRecord> trials)
    {
        var ratios = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var trial in trials.Where(t => !t.IsWarmup && t.Result.Succeeded))
        {
            foreach (var phase in trial.Result.Phases)
            {
                // A phase under a millisecond has no meaningful ratio (the stamps' own granularity).
                if (phase.CpuMs is not { } cpu || phase.DurationMs < 1) continue;
                if (!ratios.TryGetValue(phase.Name, out var list)) ratios[phase.Name] = list = [];
                list.Add(cpu / phase.DurationMs);
            }
        }

        return ratios;
    }
}
