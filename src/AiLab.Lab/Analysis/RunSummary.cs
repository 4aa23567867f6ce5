using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Analysis;

/// <summary>Descriptive statistics of measured trials, for <c>ailab run</c> and for each side of a comparison.</summary>
public static class RunSummary
{
    /// <summary>The values of every metric over the successful, measured trials, in report order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<double> Values)> Metrics(IEnumerable<TrialRecord> trials)
    {
        var ok = trials.Where(t => !t.IsWarmup && t.Result.Succeeded).ToList();
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var trial in ok)
        {
            foreach (var (name, value) in MetricCatalog.Extract(trial.Result))
            {
                if (!values.TryGetValue(name, out var list)) values[name] = list = [];
                list.Add(value);
            }
        }

        var phaseOrder = ok.SelectMany(t => t.Result.Phases.Select(p => p.Name)).Distinct().ToList();
        return MetricCatalog.Order(values.Keys, phaseOrder).Select(n => (n, (IReadOnlyList<double>)values[n])).ToList();
    }

    /// <summary>n, median, mean, standard deviation, min and max; NaN fields for an empty sample.</summary>
    public static SampleSummary Summarize(IReadOnlyList<double> values) => values.Count == 0
        ? new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
        : new SampleSummary(
            values.Count,
            Descriptive.Median(values),
            Descriptive.Mean(values),
            values.Count > 1 ? Descriptive.StdDev(values) : 0,
            values.Min(),
            values.Max());
}
