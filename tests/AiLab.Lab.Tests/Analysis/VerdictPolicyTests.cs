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
        Assert.Contains("equivalence margin", Assert.Throws<ArgumentException>(() => (p with { EquivalenceMarginPct = 0.5 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("minimum trials", Assert.Throws<ArgumentException>(() => (p with { MinTrials = 1 }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap", Assert.Throws<ArgumentException>(() => (p with { BootstrapIterations = 10 }).Validated()).Message, StringComparison.Ordinal);
    }
}
