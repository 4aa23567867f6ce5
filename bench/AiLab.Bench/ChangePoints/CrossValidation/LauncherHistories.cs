namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>
/// Seeded step histories shaped like per-commit launcher TTFB medians: a level times log-normal noise (σ 0.02–0.05),
/// now and then a heavy-tail slow outlier, and 1–3 steps of 2–20% up or down. Generated, never stored.
/// </summary>
internal static class LauncherHistories
{
    /// <summary>
    /// <paramref name="count"/> histories of 30–300 commits with 0–3 steps at least 5 commits apart (a quarter with
    /// none: most histories hold no change, and a detector must not invent one).
    /// </summary>
    public static List<TcpdSeries> Long(int seed, int count)
    {
        var random = new Random(seed);
        var series = new List<TcpdSeries>(count);
        for (var s = 0; s < count; s++)
        {
            var length = random.Next(30, 301);
            var steps = Steps(random, length, random.Next(0, 4), minGap: 5);
            var values = Values(random, length, steps, sigma: 0.02 + (0.03 * random.NextDouble()), minStep: 0.02,
                maxStep: 0.20, outlierRate: 0.03);
            series.Add(new TcpdSeries($"launcher-{s:D2}", [values], 0, [steps]));
        }

        return series;
    }

    /// <summary>
    /// <paramref name="count"/> A/A histories without any step: half of 10–14 commits (σ 0.005–0.02), half of 30–300
    /// (σ 0.02–0.05, 3% slow outliers). Not a fold: the selection rule's false-alarm constraint is measured on them.
    /// </summary>
    public static List<TcpdSeries> WithoutChange(int seed, int count)
    {
        var random = new Random(seed);
        var series = new List<TcpdSeries>(count);
        for (var s = 0; s < count; s++)
        {
            var isShort = s % 2 == 0;
            var length = isShort ? random.Next(10, 15) : random.Next(30, 301);
            var values = isShort
                ? Values(random, length, [], 0.005 + (0.015 * random.NextDouble()), 0.1, 0.4, outlierRate: 0)
                : Values(random, length, [], 0.02 + (0.03 * random.NextDouble()), 0.02, 0.2, outlierRate: 0.03);
            series.Add(new TcpdSeries($"aa-{s:D2}", [values], 0, [Array.Empty<int>()]));
        }

        return series;
    }

    /// <summary>
    /// <paramref name="count"/> histories of 10–14 commits with 1–2 steps of 10–40% and at least 3 commits on each
    /// side of every step, small noise (σ 0.005–0.02), and a single slow outlier in one history of four.
    /// </summary>
    public static List<TcpdSeries> Short(int seed, int count)
    {
        var random = new Random(seed);
        var series = new List<TcpdSeries>(count);
        for (var s = 0; s < count; s++)
        {
            var length = random.Next(10, 15);
            var steps = Steps(random, length, random.Next(1, 3), minGap: 3);
            var values = Values(random, length, steps, sigma: 0.005 + (0.015 * random.NextDouble()), minStep: 0.10,
                maxStep: 0.40, outlierRate: 0);
            if (random.Next(4) == 0)
            {
                values[random.Next(length)] *= 1.3 + random.NextDouble();
            }

            series.Add(new TcpdSeries($"short-{s:D2}", [values], 0, [steps]));
        }

        return series;
    }

    // Step indices at least minGap from each other and from both ends (so every segment has ≥ minGap values).
    private static int[] Steps(Random random, int length, int wanted, int minGap)
    {
        if (wanted == 0)
        {
            return [];
        }

        for (var attempt = 0; ; attempt++)
        {
            var steps = Enumerable.Range(0, wanted)
                .Select(_ => random.Next(minGap, length - minGap + 1)).Distinct().Order().ToArray();
            var bounds = steps.Prepend(0).Append(length).ToArray();
            if (bounds.Zip(bounds.Skip(1)).All(p => p.Second - p.First >= minGap))
            {
                return steps;
            }

            if (attempt > 100)
            {
                wanted = Math.Max(1, wanted - 1);
            }
        }
    }

    private static double[] Values(
        Random random, int length, int[] steps, double sigma, double minStep, double maxStep, double outlierRate)
    {
        var level = 100 + (300 * random.NextDouble());
        var values = new double[length];
        var next = 0;
        for (var i = 0; i < length; i++)
        {
            if (next < steps.Length && steps[next] == i)
            {
                var size = minStep + ((maxStep - minStep) * random.NextDouble());
                level *= random.Next(2) == 0 ? 1 + size : 1 / (1 + size);
                next++;
            }

            values[i] = level * Math.Exp(sigma * StandardNormal(random));
            if (random.NextDouble() < outlierRate)
            {
                // A slow run (GC pause, a busy host): heavy-tailed and only ever slower.
                values[i] *= 1 + (0.15 * Math.Abs(StandardNormal(random)) / Math.Max(0.05, random.NextDouble()));
            }
        }

        return values;
    }

    // Box–Muller: System.Random has no normal draw.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
