using AiLab.Stats.Distributions;

namespace AiLab.Stats.Tests.Distributions;

/// <summary>Bad arguments fail with ArgumentException; the limits of the domain give the limits of the function.</summary>
public sealed class DistributionValidationTests
{
    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void NormalQuantile_ProbabilityOutsideUnitInterval_ThrowsArgumentException(double p) =>
        Assert.Throws<ArgumentException>(() => NormalDistribution.Quantile(p));

    [Fact]
    public void NormalQuantile_ZeroAndOne_ReturnInfinities()
    {
        Assert.Equal(double.NegativeInfinity, NormalDistribution.Quantile(0));
        Assert.Equal(double.PositiveInfinity, NormalDistribution.Quantile(1));
    }

    [Fact]
    public void NormalCdf_NaN_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => NormalDistribution.Cdf(double.NaN));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void StudentTCdf_NonPositiveDegreesOfFreedom_ThrowsArgumentException(double df) =>
        Assert.Throws<ArgumentException>(() => StudentTDistribution.Cdf(1, df));

    [Fact]
    public void StudentTCdf_InfiniteDegreesOfFreedom_IsTheNormalCdf() =>
        Assert.Equal(NormalDistribution.Cdf(1.5), StudentTDistribution.Cdf(1.5, double.PositiveInfinity));

    [Fact]
    public void StudentTCdf_InfiniteT_ReturnsZeroAndOne()
    {
        Assert.Equal(0, StudentTDistribution.Cdf(double.NegativeInfinity, 3));
        Assert.Equal(1, StudentTDistribution.Cdf(double.PositiveInfinity, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LogGamma_OutsideDomain_ThrowsArgumentException(double x) =>
        Assert.Throws<ArgumentException>(() => SpecialFunctions.LogGamma(x));

    [Theory]
    [InlineData(1, 1, -0.5)]
    [InlineData(1, 1, 1.5)]
    [InlineData(0, 1, 0.5)]
    [InlineData(1, -1, 0.5)]
    public void RegularizedIncompleteBeta_InvalidArguments_ThrowsArgumentException(double a, double b, double x) =>
        Assert.Throws<ArgumentException>(() => SpecialFunctions.RegularizedIncompleteBeta(a, b, x));

    [Fact]
    public void RegularizedIncompleteBeta_Endpoints_AreZeroAndOne()
    {
        Assert.Equal(0, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0));
        Assert.Equal(1, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 1));
    }

    // scipy 1.x: stats.t.ppf(p, df).
    [Theory]
    [InlineData(0.975, 9, 2.2621571627409915)]
    [InlineData(0.975, 29, 2.045229642132703)]
    [InlineData(0.975, 19, 2.093024054408263)]
    [InlineData(0.995, 4.5, 4.272823993022849)]
    [InlineData(0.025, 9, -2.2621571627409915)]
    public void StudentTQuantile_AgainstScipy_Agrees(double p, double df, double expected) =>
        Assert.Equal(expected, StudentTDistribution.Quantile(p, df), 9);

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 5)]
    [InlineData(0.5, 0)]
    public void StudentTQuantile_OutOfRange_ThrowsArgumentException(double p, double df) =>
        Assert.Throws<ArgumentException>(() => StudentTDistribution.Quantile(p, df));
}
