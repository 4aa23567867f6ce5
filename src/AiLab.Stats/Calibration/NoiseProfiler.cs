using AiLab.Stats.Estimators;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Calibration;

/// <summary>Computes a <see cref="NoiseProfile"/> from a metric's A/A calibration values.</summary>
public static class NoiseProfiler
{
    private const double NormalTailWeight = 3.4486; // (z.99 − z.01) / (z.75 − z.25) = 4.6527 / 1.3490

    /// <summary>Profiles <paramref name="values"/> (positive, in run order; several A/A experiments may be concatenated)
    /// and the null spread of the effect at <paramref name="perSide"/> trials per variant, from
    /// <paramref name="splits"/> random A/A splits seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 8 values, a value not finite and positive, n &lt; 2 or 2n above
    /// the count, or fewer than 100 splits or fewer than 2 blocks.</exception>
    public static NoiseProfile Compute(IReadOnlyList<double> values, int perSide, int splits = 4000, int seed = 0, int blocks = 4)
    {
        var logs = DetectorStatistic.Logs(values, nameof(values));
        if (logs.Length < 8) throw new ArgumentException($"A noise profile needs at least 8 values, got {logs.Length}.", nameof(values));
        if (perSide < 2 || 2 * perSide > logs.Length)
            throw new ArgumentException($"n per side must lie in [2, {logs.Length / 2}] for {logs.Length} values, got {perSide}.", nameof(perSide));
        if (splits < 100) throw new ArgumentException($"At least 100 splits are needed, got {splits}.", nameof(splits));
        if (blocks < 2 || blocks > logs.Length / 2) throw new ArgumentException($"blocks must lie in [2, {logs.Length / 2}], got {blocks}.", nameof(blocks));

        var sorted = logs.Order().ToArray();
        var median = Descriptive.QuantileOfSorted(sorted, 0.5);
        var mean = logs.Average();
        var sd = Descriptive.StdDev(logs);
        var madSd = 1.4826 * Descriptive.Median(logs.Select(v => Math.Abs(v - median)).ToArray());
        var (skewness, kurtosis) = Moments(logs, mean);
        var iqr = Descriptive.QuantileOfSorted(sorted, 0.75) - Descriptive.QuantileOfSorted(sorted, 0.25);
        var span = Descriptive.QuantileOfSorted(sorted, 0.99) - Descriptive.QuantileOfSorted(sorted, 0.01);
        var outliers = madSd > 0 ? logs.Count(v => Math.Abs(v - median) > 3 * madSd) / (double)logs.Length : 0;

        var half = logs.Length / 2;
        var first = logs[..half];
        var second = logs[half..];
        return new NoiseProfile
        {
            Count = logs.Length,
            Median = Math.Exp(median),
            LogSd = sd,
            LogMadSd = madSd,
            LogSkewness = skewness,
            LogExcessKurtosis = kurtosis,
            TailWeight = iqr > 0 ? span / iqr / NormalTailWeight : 1,
            OutlierShare = outliers,
            BlockMedianPct = Enumerable.Range(0, blocks)
                .Select(b => Pct(Descriptive.Median(logs[(b * logs.Length / blocks)..((b + 1) * logs.Length / blocks)]) - median))
                .ToList(),
            TrendPctPer100Trials = 100 * 100 * Slope(logs),
            LevelShiftPct = Pct(Descriptive.Median(second) - Descriptive.Median(first)),
            LevelShiftPValue = MannWhitneyUTest.Run(second, first).PValue,
            NullEffect = Spread(logs, perSide, splits, seed, sd),
        };
    }

    private static NullEffectSpread Spread(double[] logs, int perSide, int splits, int seed, double sd)
    {
        var sampler = new PseudoExperimentSampler(logs, perSide, seed);
        var kernel = new DetectorKernel(perSide);
        var a = new double[perSide];
        var b = new double[perSide];
        var medianChanges = new double[splits];
        var meanChanges = new double[splits];
        var critical = ReferenceQuantiles.StudentT(0.995, (2.0 * perSide) - 2);
        var welchAlarms = 0;
        for (var i = 0; i < splits; i++)
        {
            sampler.Next(a, b);
            medianChanges[i] = Pct(kernel.Compute(Detector.MedianRatioZ, a, b));
            meanChanges[i] = Pct(b.Average() - a.Average());
            welchAlarms += Math.Abs(kernel.Compute(Detector.WelchLogT, a, b)) > critical ? 1 : 0;
        }

        // A split whose halves both have zero spread (a quantized metric such as peak_rss at a few trials) gives an
        // infinite median-ratio z; it says nothing about the spread, so it is left out instead of failing calibrate.
        medianChanges = [.. medianChanges.Where(double.IsFinite)];
        var absMedian = medianChanges.Select(Math.Abs).Order().ToArray();
        return new NullEffectSpread
        {
            PerSide = perSide,
            Splits = splits,
            SdMedianChangePct = medianChanges.Length >= 2 ? Descriptive.StdDev(medianChanges) : double.NaN,
            SdMeanChangePct = Descriptive.StdDev(meanChanges),
            ExpectedSdMeanChangePct = 100 * sd * Math.Sqrt(2.0 / perSide),
            P95AbsMedianChangePct = absMedian.Length > 0 ? Descriptive.QuantileOfSorted(absMedian, 0.95) : double.NaN,
            P99AbsMedianChangePct = absMedian.Length > 0 ? Descriptive.QuantileOfSorted(absMedian, 0.99) : double.NaN,
            WelchRateAt001 = welchAlarms / (double)splits,
        };
    }

    private static (double Skewness, double ExcessKurtosis) Moments(double[] logs, double mean)
    {
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in logs)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }

        var n = logs.Length;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        // Constant data have no shape; 0 (normal) keeps the record free of NaN.
        return m2 > 0 ? (m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3) : (0, 0);
    }

    private static double Slope(double[] logs)
    {
        var meanX = (logs.Length - 1) / 2.0;
        var meanY = logs.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < logs.Length; i++)
        {
            sxy += (i - meanX) * (logs[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }

        return sxy / sxx;
    }

    private static double Pct(double logDifference) => 100 * (Math.Exp(logDifference) - 1);
}
