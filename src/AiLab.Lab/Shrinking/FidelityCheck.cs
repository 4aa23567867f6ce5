using AiLab.Core.Trials;

namespace AiLab.Lab.Shrinking;

/// <summary>Compares a production run with its shrunk run: the same phases in the same order, the same modules
/// loaded (the probe's footprints), the cost ratio, and which phases' shares of TTFB moved too far.</summary>
public static class FidelityCheck
{
    /// <summary>A phase's share of TTFB may change by this factor either way and still be represented.</summary>
    public const double MaxShareFactor = 3.0;

    /// <summary>Phases under this share of TTFB at both sizes are too small to be judged.</summary>
    public const double MinShare = 0.02;

    /// <summary>The report.</summary>
    public static FidelityReport Compare(SizeMeasurement production, SizeMeasurement shrunk)
    {
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(shrunk);
        var problems = new List<string>();
        var prod = production.Trials.Where(t => t.Result.Succeeded).Select(t => t.Result).ToList();
        var small = shrunk.Trials.Where(t => t.Result.Succeeded).Select(t => t.Result).ToList();
        if (prod.Count == 0) problems.Add($"no production trial succeeded (run {production.ExperimentId})");
        if (small.Count == 0) problems.Add($"no shrunk trial succeeded (run {shrunk.ExperimentId})");
        var prodPhases = PhaseOrder(prod, "production", problems);
        var smallPhases = PhaseOrder(small, "shrunk", problems);
        if (prod.Count > 0 && small.Count > 0 && !prodPhases.SequenceEqual(smallPhases, StringComparer.Ordinal))
            problems.Add($"the phases differ: production [{string.Join(", ", prodPhases)}], "
                + $"shrunk [{string.Join(", ", smallPhases)}]");

        var prodModules = Modules(production, "production", problems);
        var smallModules = Modules(shrunk, "shrunk", problems);
        var missing = prodModules.Except(smallModules, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = smallModules.Except(prodModules, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) problems.Add($"{missing.Count} module(s) loaded only at production size: " +
            $"{Few(missing)}");
        if (extra.Count > 0) problems.Add($"{extra.Count} module(s) loaded only by the shrunk run: {Few(extra)}");

        var prodTtfb = Median(prod.Select(r => r.TtfbMs ?? double.NaN));
        var smallTtfb = Median(small.Select(r => r.TtfbMs ?? double.NaN));
        var shares = prodPhases.Select(phase =>
        {
            var p = Median(prod.Select(r => Share(r, phase)));
            var s = Median(small.Select(r => Share(r, phase)));
            var moved = Math.Max(p, s) >= MinShare && (s <= 0 || p <= 0
                || Math.Abs(Math.Log(s / p)) > Math.Log(MaxShareFactor));
            return new PhaseShare(phase, p, s, !moved);
        }).ToList();
        return new FidelityReport
        {
            Problems = problems, ProductionPhases = prodPhases, ShrunkPhases = smallPhases,
            MissingModules = missing, ExtraModules = extra,
            CommonModules = prodModules.Intersect(smallModules, StringComparer.Ordinal).Count(),
            ProductionCpuMs = Median(prod.Select(r => r.Resources.CpuTotalMs)),
            ShrunkCpuMs = Median(small.Select(r => r.Resources.CpuTotalMs)),
            ProductionTtfbMs = prodTtfb, ShrunkTtfbMs = smallTtfb, Shares = shares,
            ProductionExperimentId = production.ExperimentId, ShrunkExperimentId = shrunk.ExperimentId,
        };
    }

    private static List<string> PhaseOrder(List<TrialResult> results, string size, List<string> problems)
    {
        var orders = results.Select(r => r.Phases.Select(p => p.Name).ToList()).ToList();
        if (orders.Count == 0) return [];
        if (orders.Any(o => !o.SequenceEqual(orders[0], StringComparer.Ordinal)))
            problems.Add($"the {size} trials do not agree among themselves on their phases");
        return orders[0];
    }

    private static HashSet<string> Modules(SizeMeasurement size, string name, List<string> problems)
    {
        if (size.Footprints.Count == 0)
        {
            problems.Add($"the {name} run recorded no footprint (is it a Python workload with the probe on its path?)");
            return [];
        }

        // Modules every trial loaded: one that loads in some trials only is a matter of timing, not of code.
        var sets = size.Footprints.Select(f => f.Modules.Keys.ToHashSet(StringComparer.Ordinal)).ToList();
        var common = sets[0];
        foreach (var set in sets.Skip(1)) common.IntersectWith(set);
        return common;
    }

    private static double Share(TrialResult result, string phase) =>
        result.TtfbMs is > 0 && result.Phases.FirstOrDefault(p => p.Name == phase) is { } found
            ? found.DurationMs / result.TtfbMs.Value : double.NaN;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Few(List<string> names) =>
        string.Join(", ", names.Take(8)) + (names.Count > 8 ? $", ... ({names.Count - 8} more)" : "");
}
