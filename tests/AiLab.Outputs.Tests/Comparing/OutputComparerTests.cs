using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Stats.Classification;

namespace AiLab.Outputs.Tests.Comparing;

public sealed class OutputComparerTests
{
    private static SliceComparison Slice(MetricDelta delta) =>
        new("c", 100, 50, [delta], new Agreement(0, 0, 1, 0, 0), 0.95);

    [Fact]
    public void Judge_SignificantDropBeyondAllowance_FailsNamingSliceAndMetric()
    {
        var verdict = OutputComparer.Judge(new MetricRule("auroc", null, 0.02, null, true),
            Slice(new MetricDelta("auroc", 0.90, 0.80, -0.13, -0.07, 1e-6, "DeLong")));

        Assert.False(verdict.Passed);
        Assert.StartsWith("slice 'c': auroc got worse by 0.1000, more than the allowed 0.0200", verdict.Reason);
    }

    [Fact]
    public void Judge_LargeButInsignificantDrop_Passes()
    {
        var verdict = OutputComparer.Judge(new MetricRule("auroc", null, 0.02, null, true),
            Slice(new MetricDelta("auroc", 0.90, 0.85, -0.12, 0.02, 0.2, "DeLong")));

        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Judge_SignificantDropWithinAllowance_Passes()
    {
        var verdict = OutputComparer.Judge(new MetricRule("auprc", null, 0.05, null, true),
            Slice(new MetricDelta("auprc", 0.90, 0.88, -0.03, -0.01, double.NaN, "bootstrap")));

        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Judge_BelowFloor_FailsEvenWithoutAChange()
    {
        var verdict = OutputComparer.Judge(new MetricRule("accuracy", 0.9, null, null, true),
            Slice(new MetricDelta("accuracy", 0.85, 0.85, -0.01, 0.01, 1, "McNemar")));

        Assert.False(verdict.Passed);
        Assert.Contains("below the floor 0.9", verdict.Reason);
    }

    [Fact]
    public void Judge_LowerIsBetterMetricThatRose_Fails()
    {
        var verdict = OutputComparer.Judge(new MetricRule("ece", null, 0.01, null, false),
            Slice(new MetricDelta("ece", 0.02, 0.06, double.NaN, double.NaN, double.NaN, "none")));

        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Compare_CandidateWorseOnOneSlice_FailsThatSliceOnly()
    {
        var random = new Random(5);
        var n = 3000;
        var ids = Enumerable.Range(0, n).Select(i => $"e{i}").ToArray();
        var slices = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "bad" : "good").ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.5).ToArray();
        var baseline = labels.Select(l => Math.Clamp((l ? 0.7 : 0.3) + (0.3 * (random.NextDouble() - 0.5)), 0, 1)).ToArray();
        var candidate = baseline.Select((s, i) => slices[i] == "bad" ? random.NextDouble() : s).ToArray();
        var spec = new CompareSpec("compare", "a", "b", "y", 0.5, "s", [new MetricRule("auroc", null, 0.02, null, true)], 0.05, 100, 1);

        var (_, perSlice, verdicts, flipped) = OutputComparer.Compare(spec, ids, labels, slices, baseline, candidate, new Random(1));

        Assert.Equal(["bad", "good"], perSlice.Select(s => s.Slice));
        Assert.False(verdicts.Single(v => v.Slice == "bad").Passed);
        Assert.True(verdicts.Single(v => v.Slice == "good").Passed);
        Assert.All(flipped, f => Assert.Equal("bad", f.Slice));
    }
}
