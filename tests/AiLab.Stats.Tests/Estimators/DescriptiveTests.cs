using AiLab.Stats.Estimators;

namespace AiLab.Stats.Tests.Estimators;

/// <summary>Validation, and the worked examples of R's documentation for type-7 quantiles.</summary>
public sealed class DescriptiveTests
{
    public static TheoryData<string> Estimators => ["Mean", "Median", "Variance", "StdDev", "Quantile"];

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Estimator_EmptySample_ThrowsArgumentException(string estimator)
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluate(estimator, []));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Estimator_NaNInSample_ThrowsArgumentException(string estimator) =>
        Assert.Throws<ArgumentException>(() => Evaluate(estimator, [1.0, double.NaN, 3.0]));

    [Fact]
    public void Variance_SingleValue_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Descriptive.Variance([1.0]));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_ProbabilityOutsideUnitInterval_ThrowsArgumentException(double p) =>
        Assert.Throws<ArgumentException>(() => Descriptive.Quantile([1.0, 2.0], p));

    [Theory]
    [InlineData(0.1, 1.9)] // R: quantile(1:10, 0.1) == 1.9
    [InlineData(0.25, 3.25)] // R: quantile(1:10, 0.25) == 3.25
    [InlineData(0.5, 5.5)]
    [InlineData(1, 10)]
    public void Quantile_OneToTenUnsorted_MatchesRType7(double p, double expected) =>
        Assert.Equal(expected, Descriptive.Quantile([10.0, 3, 7, 1, 9, 2, 8, 4, 6, 5], p), 12);

    [Fact]
    public void Median_EvenCount_AveragesTheMiddlePair() =>
        Assert.Equal(2.5, Descriptive.Median([4.0, 1.0, 3.0, 2.0]));

    [Fact]
    public void Median_DoesNotReorderTheCallersSample()
    {
        double[] sample = [3.0, 1.0, 2.0];

        Descriptive.Median(sample);

        Assert.Equal([3.0, 1.0, 2.0], sample);
    }

    [Fact]
    public void Variance_LargeOffset_KeepsItsDigits()
    {
        // The textbook one-pass formula Σx² − n·x̄² loses every digit here; the two-pass algorithm does not.
        var variance = Descriptive.Variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);

        Assert.Equal(30, variance, 9);
    }

    private static double Evaluate(string estimator, double[] sample) => estimator switch
    {
        "Mean" => Descriptive.Mean(sample),
        "Median" => Descriptive.Median(sample),
        "Variance" => Descriptive.Variance(sample),
        "StdDev" => Descriptive.StdDev(sample),
        "Quantile" => Descriptive.Quantile(sample, 0.5),
        _ => throw new ArgumentOutOfRangeException(nameof(estimator)),
    };
}
