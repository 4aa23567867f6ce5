using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.SignificanceTesting;

/// <summary>Input validation and the documented answers where R's t.test stops with "data are essentially constant".</summary>
public sealed class TTestTests
{
    [Fact]
    public void WelchRun_SampleWithOneValue_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTTest.Run([1.0], [1.0, 2.0]));
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void WelchRun_NaNInSample_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTTest.Run([1.0, 2.0], [1.0, double.NaN]));
        Assert.Equal("y", error.ParamName);
    }

    [Fact]
    public void WelchRun_NaNMu_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => WelchTTest.Run([1.0, 2.0], [1.0, 3.0], double.NaN));

    [Theory]
    [InlineData(Alternative.TwoSided)]
    [InlineData(Alternative.Greater)]
    [InlineData(Alternative.Less)]
    public void WelchRun_ConstantEqualSamples_ReturnsPValueOne(Alternative alternative)
    {
        var result = WelchTTest.Run([5.0, 5.0, 5.0], [5.0, 5.0], alternative: alternative);

        Assert.Equal(new TTestResult(0, 3, 1), result);
    }

    [Theory]
    [InlineData(Alternative.TwoSided, 0)]
    [InlineData(Alternative.Greater, 0)]
    [InlineData(Alternative.Less, 1)]
    public void WelchRun_ConstantSamplesWithHigherMeanInX_ReturnsPValueByDirection(Alternative alternative, double expectedP)
    {
        var result = WelchTTest.Run([7.0, 7.0, 7.0], [5.0, 5.0], alternative: alternative);

        Assert.Equal(double.PositiveInfinity, result.T);
        Assert.Equal(expectedP, result.PValue);
    }

    [Fact]
    public void WelchRun_ConstantSamplesWhoseDifferenceEqualsMu_ReturnsPValueOne() =>
        Assert.Equal(1, WelchTTest.Run([7.0, 7.0], [5.0, 5.0], mu: 2).PValue);

    [Fact]
    public void WelchRun_OneConstantSample_UsesTheOtherSamplesDegreesOfFreedom()
    {
        // Welch–Satterthwaite with one variance zero reduces to n − 1 of the other sample.
        var result = WelchTTest.Run([5.0, 5.0, 5.0], [1.0, 2.0, 4.0, 8.0]);

        Assert.Equal(3, result.DegreesOfFreedom, 12);
        Assert.InRange(result.PValue, 0, 1);
    }

    [Fact]
    public void StudentRun_SampleWithOneValue_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => StudentTTest.Run([1.0]));

    [Fact]
    public void StudentRun_EmptySample_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => StudentTTest.Run([]));

    [Fact]
    public void StudentRun_ConstantSampleEqualToMu_ReturnsPValueOne() =>
        Assert.Equal(new TTestResult(0, 2, 1), StudentTTest.Run([3.0, 3.0, 3.0], mu: 3));

    [Fact]
    public void StudentRun_ConstantSampleBelowMu_ReturnsPValueZeroTwoSided()
    {
        var result = StudentTTest.Run([3.0, 3.0, 3.0], mu: 4);

        Assert.Equal(double.NegativeInfinity, result.T);
        Assert.Equal(0, result.PValue);
        Assert.Equal(0, StudentTTest.Run([3.0, 3.0, 3.0], mu: 4, Alternative.Less).PValue);
        Assert.Equal(1, StudentTTest.Run([3.0, 3.0, 3.0], mu: 4, Alternative.Greater).PValue);
    }
}
