using AiLab.Lab.ChangeTier;

namespace AiLab.Lab.Tests.ChangeTier;

public sealed class DetectionPowerTests
{
    // scipy: norm.cdf(log(1 + d) / (s * sqrt(2 / n)) - norm.ppf(1 - a / 2))
    [Theory]
    [InlineData(0.05, 0.05, 8, 0.01, 0.2662406584414341)]
    [InlineData(0.05, 0.02, 8, 0.01, 0.9893658412168653)]
    [InlineData(0.1, 0.2, 20, 0.05, 0.32528239152122984)]
    public void Of_KnownCases_MatchesScipy(double effect, double noise, int trials, double alpha, double expected)
    {
        Assert.Equal(expected, DetectionPower.Of(effect, noise, trials, alpha), 6);
    }
}
