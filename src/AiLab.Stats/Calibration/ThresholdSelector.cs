using AiLab.Stats.Estimators;

namespace AiLab.Stats.Calibration;

/// <summary>
/// Chooses a workflow's detector and threshold from its A/A calibration pool: the ROC operating point that detects
/// the design shift most often while the false-positive rate stays within the budget.
/// </summary>
/// <remarks>
/// Null pseudo-experiments are random A/A splits of the pool into two disjoint samples of n (a permutation
/// distribution: Fisher 1935, §21; Good, <i>Permutation Tests</i>, 2000); true positives are the same splits with the
/// candidate side multiplied by (1 + shift), i.e. synthetic effects injected into real calibration trials. For each
/// detector the threshold at budget b is the larger of
/// (1) the empirical null quantile, taken at the order statistic whose 95% Monte Carlo upper bound on its exceedance
///     rate is still ≤ b (k = ⌊Nb − 1.645√(Nb)⌋ exceedances), used only when k ≥ 10; and
/// (2) a parametric tail: the reference distribution (Student t with 2n − 2 df for Welch, t with n − 1 df for the
///     studentized median ratio, normal for Mann–Whitney) scaled to the empirical null's 98th percentile of |S| and
///     extrapolated to b, with the scale at least 1: calibration can widen a textbook threshold, never narrow it.
/// The floor is what keeps small pools honest. A pool little larger than 2n makes the splits overlap heavily, and a
/// permutation null then varies a lot from pool to pool (the spread of a median difference, simulated on pools of 40
/// normal values split 20/20, varies by ±23% between pools), and picking the detector with the best estimated power
/// picks the one whose null was underestimated. All three statistics are therefore self-normalised (their textbook
/// null does not depend on the noise level), so the floor is a valid threshold on its own, and the pool can only add.
/// </remarks>
public static class ThresholdSelector
{
    /// <summary>Fewer empirical exceedances than this at the budget and the tail counts as too thin to use.</summary>
    public const int MinEmpiricalTail = 10;

    private const double BodyRate = 0.02;
    private const double Z95 = 1.6448536269514722;

    /// <summary>Selects the detector and threshold for experiments of <paramref name="perSide"/> trials per variant.</summary>
    public static ThresholdSelection Select(IReadOnlyList<double> pool, int perSide, FalsePositiveBudget budget, ThresholdSelectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return Select(pool, perSide, budget.PerMetricRate, options);
    }

    /// <summary>Selects the detector and threshold for a per-experiment two-sided false-positive rate <paramref name="budget"/>.</summary>
    /// <exception cref="ArgumentException">The pool has a non-positive or non-finite value or fewer than 2n values, n &lt; 3,
    /// the budget lies outside (0, 0.5], or the options are invalid.</exception>
    public static ThresholdSelection Select(IReadOnlyList<double> pool, int perSide, double budget, ThresholdSelectorOptions? options = null)
    {
        options = (options ?? ThresholdSelectorOptions.Default).Validated();
        var logs = DetectorStatistic.Logs(pool, nameof(pool));
        if (perSide < 3)
        {
            throw new ArgumentException($"At least 3 trials per variant are needed, got {perSide}.", nameof(perSide));
        }

        if (2 * perSide > logs.Length)
        {
            throw new ArgumentException(
                $"A pool of {logs.Length} calibration values cannot make two disjoint samples of {perSide}; record " +
                $"at least {2 * perSide} A/A trials or lower n.",
                nameof(pool));
        }

        if (!(budget > 0 && budget <= 0.5))
        {
            throw new ArgumentException($"The false-positive budget must lie in (0, 0.5], got {budget}.", nameof(budget));
        }

        var detectors = options.Detectors.Distinct().ToArray();
        var shifts = options.TargetShifts.Append(options.DesignShift).Distinct().Order().ToArray();
        var nulls = NullStatistics(logs, perSide, detectors, options);
        var draws = ShiftedDraws(logs, perSide, options);
        var kernel = new DetectorKernel(perSide);

        var candidates = new List<DetectorEvaluation>();
        for (var d = 0; d < detectors.Length; d++)
        {
            var shifted = shifts.Select(s => Statistics(kernel, detectors[d], draws, perSide, Math.Log(1 + s))).ToArray();
            candidates.Add(Evaluate(detectors[d], nulls[d], shifts, shifted, options, perSide, budget));
        }

        var best = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            best = Better(candidate, best, options.ShiftedExperiments) ? candidate : best;
        }

        var mde80 = MinDetectableShift(kernel, best, draws, perSide, 0.8);
        var mde90 = MinDetectableShift(kernel, best, draws, perSide, 0.9);
        var welch = candidates.FirstOrDefault(c => c.Detector == Detector.WelchLogT);
        return new ThresholdSelection
        {
            Detector = best.Detector,
            Threshold = best.Threshold,
            Source = best.Source,
            Fpr = best.Fpr,
            Tpr = best.TprAtDesignShift,
            DesignShift = options.DesignShift,
            NullInflation = best.Inflation,
            WelchInflation = welch is null ? 1 : Math.Max(1, welch.Inflation),
            MinDetectableShift80 = mde80,
            MinDetectableShift90 = mde90,
            Budget = budget,
            PerSide = perSide,
            PoolSize = logs.Length,
            NullExperiments = options.NullExperiments,
            Candidates = candidates,
            Why = SelectionExplainer.Explain(best, candidates, budget, perSide, logs.Length, options, mde80, mde90),
        };
    }

    /// <summary>True when <paramref name="candidate"/> detects the design shift more often than <paramref name="best"/>
    /// by more than Monte Carlo noise; within the noise (both near 0 when the noise hides a 3% shift, say) the one
    /// with more power averaged over all target shifts wins, so a detector that can never alarm at this n is not
    /// chosen for a lucky 0.1%.</summary>
    private static bool Better(DetectorEvaluation candidate, DetectorEvaluation best, int draws)
    {
        var p = Math.Max(candidate.TprAtDesignShift, best.TprAtDesignShift);
        var noise = (2 * Math.Sqrt(p * (1 - p) / draws)) + (1.0 / draws);
        if (Math.Abs(candidate.TprAtDesignShift - best.TprAtDesignShift) > noise)
            return candidate.TprAtDesignShift > best.TprAtDesignShift;
        return candidate.Power.Average(x => x.Tpr) > best.Power.Average(x => x.Tpr);
    }

    private static double[][] NullStatistics(double[] logs, int perSide, Detector[] detectors, ThresholdSelectorOptions options)
    {
        var sampler = new PseudoExperimentSampler(logs, perSide, options.Seed);
        var kernel = new DetectorKernel(perSide);
        var a = new double[perSide];
        var b = new double[perSide];
        var result = detectors.Select(_ => new double[options.NullExperiments]).ToArray();
        for (var i = 0; i < options.NullExperiments; i++)
        {
            sampler.Next(a, b);
            for (var d = 0; d < detectors.Length; d++)
            {
                result[d][i] = kernel.Compute(detectors[d], a, b);
            }
        }

        return result;
    }

    // One set of splits, reused for every shift (common random numbers), so detection rates rise monotonically with
    // the shift and the MDE search is a clean bisection.
    private static double[] ShiftedDraws(double[] logs, int perSide, ThresholdSelectorOptions options)
    {
        var sampler = new PseudoExperimentSampler(logs, perSide, unchecked(options.Seed + 1_000_003));
        var draws = new double[options.ShiftedExperiments * 2 * perSide];
        for (var i = 0; i < options.ShiftedExperiments; i++)
        {
            var span = draws.AsSpan(i * 2 * perSide, 2 * perSide);
            sampler.Next(span[..perSide], span[perSide..]);
        }

        return draws;
    }

    private static double[] Statistics(DetectorKernel kernel, Detector detector, double[] draws, int perSide, double logShift)
    {
        var count = draws.Length / (2 * perSide);
        var result = new double[count];
        var shiftedB = new double[perSide];
        for (var i = 0; i < count; i++)
        {
            var span = draws.AsSpan(i * 2 * perSide, 2 * perSide);
            for (var j = 0; j < perSide; j++)
            {
                shiftedB[j] = span[perSide + j] + logShift;
            }

            result[i] = kernel.Compute(detector, span[..perSide], shiftedB);
        }

        return result;
    }

    private static DetectorEvaluation Evaluate(
        Detector detector, double[] nullStatistics, double[] shifts, double[][] shifted, ThresholdSelectorOptions options, int perSide, double budget)
    {
        var sortedAbs = nullStatistics.Select(Math.Abs).ToArray();
        Array.Sort(sortedAbs);
        var n = sortedAbs.Length;

        var expected = n * budget;
        var k = (int)Math.Floor(expected - (Z95 * Math.Sqrt(expected)));
        double? empirical = k >= MinEmpiricalTail ? sortedAbs[n - k - 1] : null;

        var reference = ReferenceQuantiles.TwoSided(detector, perSide, budget);
        var ratio = Descriptive.QuantileOfSorted(sortedAbs, 1 - BodyRate) / ReferenceQuantiles.TwoSided(detector, perSide, BodyRate);
        var scale = Math.Max(1, ratio);
        var parametric = scale * reference;

        var threshold = Math.Max(empirical ?? 0, parametric);
        var source = empirical > parametric ? ThresholdSource.Empirical : ThresholdSource.Parametric;
        var fpr = Math.Max(Exceeding(sortedAbs, threshold), ReferenceQuantiles.TwoSidedTail(detector, perSide, threshold / scale));

        var sortedShifted = shifted.Select(s => s.Order().ToArray()).ToArray();
        var design = Array.IndexOf(shifts, options.DesignShift);
        var power = options.TargetShifts.Select(s => new ShiftPower(s, Exceeding(sortedShifted[Array.IndexOf(shifts, s)], threshold))).ToList();

        return new DetectorEvaluation
        {
            Detector = detector,
            Threshold = threshold,
            Source = source,
            EmpiricalThreshold = empirical,
            ParametricThreshold = parametric,
            ReferenceQuantile = reference,
            NullScale = scale,
            Fpr = fpr,
            TprAtDesignShift = Exceeding(sortedShifted[design], threshold),
            Power = power,
            Roc = Roc(sortedAbs, sortedShifted[design], options.RocPoints),
        };
    }

    // Thresholds at FPR levels spaced evenly in log between 1/N and 1, so the low-FPR corner where budgets live is
    // as well resolved as the rest.
    private static List<RocPoint> Roc(double[] sortedNullAbs, double[] sortedShifted, int points)
    {
        var n = sortedNullAbs.Length;
        var roc = new List<RocPoint>(points);
        for (var i = 0; i < points; i++)
        {
            var fprLevel = Math.Exp(Math.Log(1.0 / n) * (1 - (i / (points - 1.0))));
            var threshold = sortedNullAbs[Math.Clamp(n - (int)Math.Ceiling(fprLevel * n), 0, n - 1)];
            roc.Add(new RocPoint(threshold, Exceeding(sortedNullAbs, threshold), Exceeding(sortedShifted, threshold)));
        }

        return roc.OrderBy(p => p.Threshold).DistinctBy(p => p.Threshold).ToList();
    }

    /// <summary>Share of a sorted sample strictly above <paramref name="threshold"/>.</summary>
    private static double Exceeding(double[] sorted, double threshold)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= threshold)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return (sorted.Length - low) / (double)sorted.Length;
    }

    private static double? MinDetectableShift(DetectorKernel kernel, DetectorEvaluation chosen, double[] draws, int perSide, double power)
    {
        double Tpr(double shift)
        {
            var statistics = Statistics(kernel, chosen.Detector, draws, perSide, Math.Log(1 + shift));
            return statistics.Count(s => s > chosen.Threshold) / (double)statistics.Length;
        }

        double low = 0, high = 1;
        if (Tpr(high) < power)
        {
            return null;
        }

        while (high - low > 1e-4)
        {
            var middle = (low + high) / 2;
            if (Tpr(middle) >= power)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }
}
