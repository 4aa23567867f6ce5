using AiLab.Application.Settings;

namespace AiLab.Application.Tests.Settings;

public sealed class TrialSettingsTests
{
    [Fact]
    public void Trials_NothingRequested_TakesTheWorkflowsThenTheDefault()
    {
        Assert.Equal(7, TrialSettings.Trials(null, 7));
        Assert.Equal(LabDefaults.Trials, TrialSettings.Trials(null, null));
        Assert.Equal(3, TrialSettings.Trials(3, 7));
    }

    [Fact]
    public void Trials_One_NamesTheSettingAndSaysWhy()
    {
        var e = Assert.Throws<InvalidSettingException>(() => TrialSettings.Trials(1, null));

        Assert.Equal("trials", e.Setting);
        Assert.Equal("must be at least 2 (a sample of one has no spread), got 1", e.Problem);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warmup_Negative_Throws()
    {
        var e = Assert.Throws<InvalidSettingException>(() => TrialSettings.Warmup(-1, null));

        Assert.Equal("warmup", e.Setting);
        Assert.Equal(LabDefaults.Warmup, TrialSettings.Warmup(null, null));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    public void Timeout_Duration_Parses(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TrialSettings.Timeout(text));

    [Theory]
    [InlineData("0s", "must be positive")]
    [InlineData("soon", "is not a duration")]
    [InlineData("800h", "a trial may run at most 720h")]
    public void Timeout_BadValue_SaysWhatIsWrongWithoutNamingAFlag(string text, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => TrialSettings.Timeout(text));

        Assert.Equal("timeout", e.Setting);
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BisectMaxTrials_NotRequested_IsFourTimesTheTrials() =>
        Assert.Equal(4 * 6, TrialSettings.BisectMaxTrials(null, 6));

    [Fact]
    public void BisectMaxTrials_BelowTheTrials_Throws() =>
        Assert.Equal(
            "max-trials", Assert.Throws<InvalidSettingException>(() => TrialSettings.BisectMaxTrials(3, 6)).Setting);

    [Fact]
    public void CalibrationTrials_Four_NeedsFive() =>
        Assert.Contains(
            "at least 5",
            Assert.Throws<InvalidSettingException>(() => TrialSettings.CalibrationTrials(4, null)).Problem,
            StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void JobsAndExperiments_BelowOne_Throw(int value)
    {
        Assert.Equal("jobs", Assert.Throws<InvalidSettingException>(() => TrialSettings.Jobs(value)).Setting);
        Assert.Equal(
            "experiments", Assert.Throws<InvalidSettingException>(() => TrialSettings.Experiments(value)).Setting);
    }
}
