using AiLab.Core.Metrics;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Tests.Analysis;

public sealed class VerdictPolicyTests
{
    [Fact]
    public void Validated_Defaults_AreAccepted()
    {
        Assert.Same(VerdictPolicy.Default, VerdictPolicy.Default.Validated());
    }

    [Fact]
    public void Validated_BadSettings_ThrowNamingTheSetting()
    {
        var p = VerdictPolicy.Default;
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => (p with { Alpha = 1 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("confidence", Assert.Throws<ArgumentException>(() => (p with { Confidence = 0 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("minimum effect", Assert.Throws<ArgumentException>(() => (p with { MinEffectPct = -1 }).Validated()).Message, StringComparison.Ordinal);
        var cap = Assert.Throws<ArgumentException>(() => (p with { MinEffectCapMs = 0 }).Validated());
        Assert.Contains("cap", cap.Message, StringComparison.Ordinal);
        Assert.Contains("equivalence margin", Assert.Throws<ArgumentException>(() => (p with { EquivalenceMarginPct = 0.5 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("minimum trials", Assert.Throws<ArgumentException>(() => (p with { MinTrials = 1 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap", Assert.Throws<ArgumentException>(() => (p with { BootstrapIterations = 10 }).Validated()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 120, true)]     // under 1% of a long start-up, over 50 ms
    [InlineData(0.5, 40, false)]     // under both
    [InlineData(2.0, 40, true)]      // over 1%
    [InlineData(30.0, 0.5, false)]   // a large share of a tiny phase, under the 1 ms absolute minimum
    [InlineData(double.NaN, 60, true)]
    public void IsMaterial_TimeMetric_OnePercentOrFiftyMs(double changePct, double diff, bool material)
    {
        Assert.Equal(material, VerdictPolicy.Default.IsMaterial(changePct, diff, MetricUnit.Milliseconds));
    }

    [Fact]
    public void IsMaterial_MemoryMetric_HasNoCap()
    {
        Assert.False(VerdictPolicy.Default.IsMaterial(0.5, 120, MetricUnit.Mebibytes));
    }

    [Theory]
    [InlineData(1_000, 10)]
    [InlineData(15_000, 50)]
    [InlineData(50, 1)]
    public void MinimumShiftMs_IsOnePercentCappedAtFiftyAndAtLeastOne(double median, double expected)
    {
        Assert.Equal(expected, VerdictPolicy.Default.MinimumShiftMs(median), 9);
    }
}
