using AiLab.Application.Settings;
using AiLab.Core.Verdicts;

namespace AiLab.Application.Tests.Settings;

public sealed class VerdictSettingsTests
{
    [Fact]
    public void FailOn_CommaListAndRepeats_CollectsEachVerdictOnce()
    {
        var verdicts = VerdictSettings.FailOn(["regression,no_change", "regression"], VerdictSettings.Any);

        Assert.Equal([Verdict.NoChange, Verdict.Regression], verdicts.Order());
    }

    [Fact]
    public void FailOn_InconclusiveWhereOnlyChangesCount_NamesTheAllowedVerdicts()
    {
        var e = Assert.Throws<InvalidSettingException>(
            () => VerdictSettings.FailOn(["inconclusive"], VerdictSettings.Changes));

        Assert.Equal("fail-on", e.Setting);
        Assert.Equal("'inconclusive' is not one of: regression, improvement", e.Problem);
    }

    [Fact]
    public void FailOn_Empty_Throws() =>
        Assert.Contains(
            "is empty",
            Assert.Throws<InvalidSettingException>(() => VerdictSettings.FailOn([""], VerdictSettings.Any)).Message,
            StringComparison.Ordinal);
}
