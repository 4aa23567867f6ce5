using AiLab.Stats.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>The properties issue 16 asks of the lab's detector, each on series generated here.</summary>
public sealed class ChangePointDetectorTests
{
    [Fact]
    public void Detect_TwoRegressionsAfterAnEarlyOutlier_FindsFifteenAndThirty()
    {
        double[] history = [50, 50, 100, .. Repeat((12, 50.0), (15, 100.0), (15, 150.0))];

        Assert.Equal([15, 30], Indices(history));
    }

    [Fact]
    public void Detect_RegressionAndRecovery_FindsBoth()
    {
        Assert.Equal([15, 33], Indices(Repeat((15, 50.0), (18, 100.0), (15, 50.0))));
    }

    [Theory]
    [InlineData(new[] { 4, 4, 4 }, new[] { 1.0, 6, 12 })]
    [InlineData(new[] { 3, 4, 3 }, new[] { 10.0, 13, 10 })]
    [InlineData(new[] { 5, 5 }, new[] { 100.0, 120 })]
    [InlineData(new[] { 3, 7 }, new[] { 100.0, 80 })]
    [InlineData(new[] { 7, 3 }, new[] { 5.0, 9 })]
    [InlineData(new[] { 3, 5, 3, 3 }, new[] { 200.0, 260, 200, 300 })]
    public void Detect_ShortStepHistory_FindsEachStepAtItsIndex(int[] lengths, double[] levels)
    {
        var history = Repeat(lengths.Zip(levels).ToArray());
        var steps = lengths.SkipLast(1).Select((_, k) => lengths.Take(k + 1).Sum()).ToArray();

        Assert.Equal(steps, Indices(history));
    }

    [Fact]
    public void Detect_ShortNoisyStepHistories_FindEachStepAtItsIndex()
    {
        // 10–14 commits, one or two steps of 10–40% with ≥ 3 commits either side, 1% log-normal noise.
        var missed = new List<string>();
        for (var seed = 1; seed <= 30; seed++)
        {
            var random = new Random(seed);
            var length = random.Next(10, 15);
            var first = random.Next(3, length - 2);
            int[] steps = first <= length - 6 && random.Next(2) == 0 ? [first, random.Next(first + 3, length - 2)] : [first];
            var level = 200.0;
            var history = new double[length];
            for (var i = 0; i < length; i++)
            {
                level *= steps.Contains(i) ? (random.Next(2) == 0 ? 1.1 + (0.3 * random.NextDouble()) : 0.75) : 1;
                history[i] = level * Math.Exp(0.01 * Gaussian(random));
            }

            var found = Indices(history);
            if (!found.SequenceEqual(steps))
            {
                missed.Add($"seed {seed}: steps {string.Join(",", steps)}, found {string.Join(",", found)}");
            }
        }

        Assert.True(missed.Count == 0, string.Join("; ", missed));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(40)]
    public void Detect_SingleOutlierAnywhere_IsNeverAChangePoint(int length)
    {
        var alarms = new List<string>();
        foreach (var factor in new[] { 0.5, 1.5, 3.0 })
        foreach (var noise in new[] { 0.0, 0.01 })
        {
            for (var at = 0; at < length; at++)
            {
                var random = new Random(at);
                var history = Enumerable.Range(0, length).Select(_ => 100 * Math.Exp(noise * Gaussian(random))).ToArray();
                history[at] *= factor;
                if (Indices(history) is { Length: > 0 } found)
                {
                    alarms.Add($"×{factor} at {at}, noise {noise}: {string.Join(",", found)}");
                }
            }
        }

        Assert.True(alarms.Count == 0, string.Join("; ", alarms));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Detect_SamePatternTiled_GivesTheSameLocalChangePoints(int tiles)
    {
        // A 60-commit pattern (a 5-commit regression and a lasting 8% step) under 0.5% noise, alone and tiled: the
        // longer series must find the same change points in every tile (PELT's 3 ln n penalty does not).
        var random = new Random(60);
        var pattern = Repeat((20, 100.0), (5, 110.0), (20, 100.0), (15, 108.0)).Select(v => v * Math.Exp(0.005 * Gaussian(random))).ToArray();
        var alone = Indices(pattern);

        var tiled = Indices(Enumerable.Repeat(pattern, tiles).SelectMany(p => p).ToArray());

        Assert.Equal([20, 25, 45], alone);

        // Every tile's own change points, plus the fall back to the first level where one tile meets the next.
        var expected = Enumerable.Range(0, tiles).SelectMany(t => alone.Select(i => i + (60 * t)).Concat(t > 0 ? [60 * t] : [])).Order();
        Assert.Equal(expected, tiled);
    }

    private static int[] Indices(double[] history) => ChangePointDetector.Detect(history).Select(c => c.Index).ToArray();

    private static double[] Repeat(params (int Count, double Value)[] runs) =>
        runs.SelectMany(r => Enumerable.Repeat(r.Value, r.Count)).ToArray();

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
