using AiLab.Lab.Profiling.Running;
using AiLab.Stats.Estimators;
using AiLab.Stats.Intervals;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>Medians, the floor, and the bootstrap interval of one quantity (the noise rule of
/// <see cref="ProfileDiff"/>).</summary>
/// <param name="options">The confidence and the seed.</param>
/// <param name="ttfb">The reference TTFB, for "% of TTFB".</param>
/// <param name="floor">The effect floor, in ms.</param>
/// <param name="noise">The sampling-noise floor of the paths compared; null for quantities that are not sampled (the
/// phases, from the probe's marks).</param>
internal sealed class ChangeJudge(ProfileOptions options, double ttfb, double floor, SamplingNoise? noise = null)
{
    public double FloorMs => floor;

    /// <summary>The sampling-noise floor, when this judge applies one.</summary>
    public SamplingNoise? Noise => noise;

    public DiffValue Of(string key, List<TrialAggregate> a, List<TrialAggregate> b, Func<TrialAggregate,
        Dictionary<string, double>> pick)
    {
        var name = key.StartsWith("self:", StringComparison.Ordinal) ? key[5..] : key;
        return Of(key, a.Select(t => pick(t).GetValueOrDefault(name)).ToList(),
            b.Select(t => pick(t).GetValueOrDefault(name)).ToList());
    }

    /// <summary>Judges one quantity given per trial (<paramref name="xs"/>: the baseline's trials).</summary>
    /// <param name="key">Names the quantity; seeds its bootstrap, so that a report is reproducible.</param>
    /// <param name="xs">The baseline's per-trial values.</param>
    /// <param name="ys">The candidate's per-trial values.</param>
    public DiffValue Of(string key, List<double> xs, List<double> ys) => Of(key, xs, ys, floor);

    /// <summary>The interval of one path's change whatever its size: within a change already shown to be above
    /// noise, where it went is asked of the callees without the floor (which keeps small changes from being named
    /// as findings, not from being located). <see cref="DiffValue.Significant"/> keeps its full meaning.</summary>
    public DiffValue Interval(string key, List<TrialAggregate> a, List<TrialAggregate> b,
        Func<TrialAggregate, Dictionary<string, double>> pick) =>
        Of(key, a.Select(t => pick(t).GetValueOrDefault(key)).ToList(),
            b.Select(t => pick(t).GetValueOrDefault(key)).ToList(), 0);

    private DiffValue Of(string key, List<double> xs, List<double> ys, double minimum)
    {
        var (ma, mb) = (Descriptive.Median(xs), Descriptive.Median(ys));
        var pct = (mb - ma) / ttfb * 100;
        if (Math.Abs(mb - ma) < minimum || mb == ma) return new DiffValue(ma, mb, null, null, pct, false);
        // Every path that could be a finding is tested at once: its trial-to-trial interval is at the confidence
        // Bonferroni gives for their number, as the sampling-noise floor's z is (an A/A of the ML.NET example named a
        // -1.6%-of-TTFB framework path at 99% per path; with ~130 candidate paths this asks 99.99%).
        var confidence = noise is { Paths: > 1 } n ? 1 - (1 - options.Confidence) / n.Paths : options.Confidence;
        var ci = Bootstrap.MedianChange(xs, ys, confidence, 2000, options.Seed ^ StableHash(key));
        // With 5 trials a side the percentile interval under-covers, and a loaded machine's scheduler adds
        // tens of ms to a sleep now and then: the change must also exceed each variant's own interquartile range.
        var spread = Math.Max(Iqr(xs), Iqr(ys));
        // And it must exceed what the sampler's counting noise can give any of the candidate paths.
        var counted = noise?.FloorMs(floor) ?? 0;
        var significant = (ci.DifferenceLow > 0 || ci.DifferenceHigh < 0) && Math.Abs(mb - ma) > spread &&
                          Math.Abs(mb - ma) >= floor && Math.Abs(mb - ma) >= counted;
        return new DiffValue(ma, mb, ci.DifferenceLow, ci.DifferenceHigh, pct, significant);
    }

    private static double Iqr(List<double> values) =>
        Descriptive.Quantile(values, 0.75) - Descriptive.Quantile(values, 0.25);

    private static int StableHash(string text)
    {
        // FNV-1a: string.GetHashCode differs between processes, and a report must be reproducible.
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }
}
