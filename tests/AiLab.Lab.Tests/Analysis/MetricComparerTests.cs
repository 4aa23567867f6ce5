using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

public sealed class MetricComparerTests
{
    private const double Median = 2000; // ms, a realistic TTFB
    private static readonly VerdictPolicy Policy = VerdictPolicy.Default;

    [Fact]
    public void Compare_IdenticalDistributions_ReturnsNoChange()
    {
        var random = new Random(101);
        var a = Samples.LogNormal(random, 12, Median, 0.03);
        var b = Samples.LogNormal(random, 12, Median, 0.03);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 1);

        Assert.Equal(Verdict.NoChange, result.Verdict);
        Assert.True(result.PValue >= Policy.Alpha, $"p={result.PValue}");
        Assert.InRange(result.CiPct[0], -Policy.EquivalenceMarginPct, 0);
        Assert.InRange(result.CiPct[1], 0, Policy.EquivalenceMarginPct);
        Assert.Contains("lies within", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EightPercentSlower_ReturnsRegressionWhoseIntervalsCoverTheTrueChange()
    {
        var random = new Random(202);
        var a = Samples.LogNormal(random, 12, Median, 0.03);
        var b = Samples.LogNormal(random, 12, Median * 1.08, 0.03);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 2);

        Assert.Equal(Verdict.Regression, result.Verdict);
        Assert.InRange(8.0, result.CiPct[0], result.CiPct[1]);
        Assert.InRange(Median * 0.08, result.CiDiff[0], result.CiDiff[1]);
        Assert.True(result.CiPct[0] > 0, $"CI [{result.CiPct[0]}, {result.CiPct[1]}] should exclude 0");
        Assert.InRange(result.ChangePct, 4, 12);
        Assert.Equal(result.B.Median - result.A.Median, result.Diff, 1e-9);
        Assert.True(result.PValue < Policy.Alpha && result.MannWhitneyP < Policy.Alpha, $"p={result.PValue} mw={result.MannWhitneyP}");
        Assert.Equal("ms", result.Unit.Symbol);
        Assert.Equal(12, result.A.N);
        Assert.Equal(12, result.B.N);
    }

    [Fact]
    public void Compare_EightPercentFaster_ReturnsImprovement()
    {
        var random = new Random(303);
        var a = Samples.LogNormal(random, 12, Median, 0.03);
        var b = Samples.LogNormal(random, 12, Median * 0.92, 0.03);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 3);

        Assert.Equal(Verdict.Improvement, result.Verdict);
        Assert.InRange(-8.0, result.CiPct[0], result.CiPct[1]);
        Assert.True(result.CiPct[1] < 0, $"CI [{result.CiPct[0]}, {result.CiPct[1]}] should exclude 0");
        Assert.InRange(-Median * 0.08, result.CiDiff[0], result.CiDiff[1]);
    }

    [Fact]
    public void Compare_SignificantButTinyShift_ReturnsNoChangeBelowMinimumEffect()
    {
        var random = new Random(404);
        var a = Samples.LogNormal(random, 12, Median, 0.0005);
        var b = Samples.LogNormal(random, 12, Median * 1.003, 0.0005);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 4);

        Assert.True(result.PValue < Policy.Alpha, $"the shift should be significant, p={result.PValue}");
        Assert.True(result.CiPct[0] > 0, $"CI [{result.CiPct[0]}, {result.CiPct[1]}] should exclude 0");
        Assert.Equal(Verdict.NoChange, result.Verdict);
        Assert.Contains("minimum effect", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SignificantShiftUnderOnePercentOfALongStartButOverTheCap_IsARegression()
    {
        // 20 s -> 20.12 s is +0.6%: under the 1% minimum, but 120 ms of idle accelerator time on every launch.
        var random = new Random(406);
        var a = Samples.LogNormal(random, 12, 20_000, 0.0005);
        var b = Samples.LogNormal(random, 12, 20_120, 0.0005);

        var capped = MetricComparer.Compare("ttfb", a, b, Policy, seed: 6);
        var uncapped = MetricComparer.Compare("ttfb", a, b, Policy with { MinEffectCapMs = 500 }, seed: 6);
        var memory = MetricComparer.Compare("peak_rss", a, b, Policy, seed: 6);

        Assert.InRange(capped.ChangePct, 0.3, 0.9);
        Assert.Equal(Verdict.Regression, capped.Verdict);
        Assert.Contains("exceeds the minimum effect (50 ms)", capped.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.NoChange, uncapped.Verdict);
        Assert.Contains("below the minimum effect (1% or 500 ms, and 1 ms)", uncapped.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.NoChange, memory.Verdict);   // the cap is in ms: 120 MiB of 20 GiB stays under 1%
    }

    [Fact]
    public void Compare_AlphaOfALookOfTheDefaultDesign_IsPrintedNotRoundedToZero()
    {
        var random = new Random(407);
        var a = Samples.LogNormal(random, 12, Median, 0.01);
        var b = Samples.LogNormal(random, 12, Median * 1.1, 0.01);

        var result = MetricComparer.Compare("ttfb", a, b, Policy with { Alpha = 0.00453 }, seed: 7);

        Assert.Equal(Verdict.Regression, result.Verdict);
        Assert.Contains("< 0.0045,", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LargeRelativeButTinyAbsoluteShift_ReturnsNoChange()
    {
        // 2 ms -> 2.3 ms is +15%, but 0.3 ms is below the 1 ms absolute minimum.
        var random = new Random(405);
        var a = Samples.LogNormal(random, 12, 2.0, 0.01);
        var b = Samples.LogNormal(random, 12, 2.3, 0.01);

        var result = MetricComparer.Compare("phase:imports", a, b, Policy, seed: 5);

        Assert.True(result.ChangePct > 10, $"change {result.ChangePct}%");
        Assert.Equal(Verdict.NoChange, result.Verdict);
        Assert.Contains("minimum effect", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 12)]
    [InlineData(12, 2)]
    [InlineData(0, 12)]
    public void Compare_TooFewTrials_ReturnsInconclusive(int nA, int nB)
    {
        var random = new Random(505);
        var a = Samples.LogNormal(random, nA, Median, 0.03);
        var b = Samples.LogNormal(random, nB, Median * 1.5, 0.03);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 6);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("too few successful trials", result.Reason, StringComparison.Ordinal);
        Assert.Equal(nA, result.A.N);
        Assert.Equal(nB, result.B.N);
    }

    [Fact]
    public void Compare_VeryNoisyData_ReturnsInconclusiveBecauseTheIntervalIsTooWide()
    {
        var random = new Random(606);
        var a = Samples.LogNormal(random, 6, Median, 0.4);
        var b = Samples.LogNormal(random, 6, Median, 0.4);

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 7);

        Assert.True(result.PValue >= Policy.Alpha, $"p={result.PValue}");
        Assert.True(result.CiPct[0] < -5 || result.CiPct[1] > 5, $"CI [{result.CiPct[0]}, {result.CiPct[1]}]");
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("cannot rule out", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ChangeOfShapeThatOnlyWelchSees_ReturnsInconclusive()
    {
        // B is bimodal: 9 of 12 trials 50% slower, 3 slightly faster than every A. The log-scale t-test and the
        // median's interval see a shift, but the ranks (108 of 144 pairs B > A) are not significant at 1%.
        var random = new Random(707);
        var a = Samples.LogNormal(random, 12, 1000, 0.002);
        var b = Samples.LogNormal(random, 9, 1500, 0.002).Concat(Samples.LogNormal(random, 3, 980, 0.001)).ToArray();

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 8);

        Assert.True(result.PValue < Policy.Alpha, $"Welch p={result.PValue}");
        Assert.True(result.MannWhitneyP >= Policy.Alpha, $"Mann-Whitney p={result.MannWhitneyP}");
        Assert.True(result.CiPct[0] > 0, $"CI [{result.CiPct[0]}, {result.CiPct[1]}]");
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("Mann–Whitney", result.Reason, StringComparison.Ordinal);
        Assert.Contains("disagrees", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OneHugeOutlier_DoesNotReportARegression()
    {
        // One trial hit by a 10x stall: the median did not move, and a single outlier must not become a verdict.
        var random = new Random(808);
        var a = Samples.LogNormal(random, 12, Median, 0.03);
        var b = Samples.LogNormal(random, 12, Median, 0.03);
        b[5] *= 10;

        var result = MetricComparer.Compare("ttfb", a, b, Policy, seed: 9);

        Assert.NotEqual(Verdict.Regression, result.Verdict);
        Assert.True(result.MannWhitneyP >= Policy.Alpha, $"Mann-Whitney p={result.MannWhitneyP}");
    }

    [Fact]
    public void Compare_BaselineWithZeros_DecidesOnTheDifference()
    {
        // CPU time is counted in 10 ms ticks: a sleeping workload reads 0 in most trials, so no ratio exists.
        double[] a = [0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0, 0];
        var b = Samples.LogNormal(new Random(1111), 12, 300, 0.05);

        var result = MetricComparer.Compare(MetricCatalog.CpuTime, a, b, Policy, seed: 12);

        Assert.True(double.IsNaN(result.ChangePct));
        Assert.True(result.CiDiff[0] > 250, $"diff CI [{result.CiDiff[0]}, {result.CiDiff[1]}]");
        Assert.Equal(Verdict.Regression, result.Verdict);
        Assert.DoesNotContain("NaN", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_BaselineWithZerosAndNoChange_ReturnsNoChange()
    {
        double[] a = [0, 0, 10, 0, 0, 10, 0, 0, 0, 0, 0, 0];
        double[] b = [0, 10, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0];

        var result = MetricComparer.Compare(MetricCatalog.CpuTime, a, b, Policy, seed: 13);

        Assert.Equal(Verdict.NoChange, result.Verdict);
        Assert.DoesNotContain("NaN", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AllZeroOnBothSides_ReturnsNoChange()
    {
        var zeros = new double[10];

        var result = MetricComparer.Compare(MetricCatalog.CpuTime, zeros, zeros, Policy, seed: 14);

        Assert.Equal(Verdict.NoChange, result.Verdict);
    }

    [Fact]
    public void Compare_SameInputsAndSeed_GivesTheSameResult()
    {
        var random = new Random(909);
        var a = Samples.LogNormal(random, 10, Median, 0.03);
        var b = Samples.LogNormal(random, 10, Median * 1.02, 0.03);

        var first = MetricComparer.Compare("ttfb", a, b, Policy, seed: 10);
        var second = MetricComparer.Compare("ttfb", a, b, Policy, seed: 10);

        Assert.Equal(first.CiPct, second.CiPct);
        Assert.Equal(first.CiDiff, second.CiDiff);
        Assert.Equal(first.Verdict, second.Verdict);
    }

    [Fact]
    public void Compare_PeakRss_IsReportedInMebibytes()
    {
        var random = new Random(1010);
        var a = Samples.LogNormal(random, 5, 300, 0.01);
        var b = Samples.LogNormal(random, 5, 300, 0.01);

        Assert.Equal("MiB", MetricComparer.Compare(MetricCatalog.PeakRss, a, b, Policy, seed: 11).Unit.Symbol);
    }

    [Fact]
    public void Compare_TinyNoisyPhaseWithoutChange_IsNoChangeBecauseTheDifferenceCannotMatter()
    {
        // A 0.08 ms phase with 30% noise: its relative interval is wide, but no difference beyond 1 ms is possible.
        var random = new Random(21);
        var a = Samples.LogNormal(random, 10, 0.08, 0.3);
        var b = Samples.LogNormal(random, 10, 0.08, 0.3);

        var c = MetricComparer.Compare("phase:first_batch", a, b, VerdictPolicy.Default, 3);

        Assert.True(c.CiPct[0] < -5 || c.CiPct[1] > 5, "the relative interval should be wider than the margin for this test to mean anything");
        Assert.Equal(Verdict.NoChange, c.Verdict);
        Assert.Contains("within the minimum effect", c.Reason, StringComparison.Ordinal);
    }
}
