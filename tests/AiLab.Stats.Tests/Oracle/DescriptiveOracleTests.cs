using AiLab.Stats.Estimators;

namespace AiLab.Stats.Tests.Oracle;

/// <summary>The descriptive estimators against numpy (mean, median, var/std with ddof=1, percentile 'linear' = type 7).</summary>
public sealed class DescriptiveOracleTests
{
    private const double Relative = 1e-12;

    public static TheoryData<int> Cases => ScipyVectors.Indexes("descriptive");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimators_NumpyReference_MatchTo1e12Relative(int index)
    {
        var c = ScipyVectors.Case("descriptive", index);
        var x = c.Numbers("x");

        Tolerance.Close(c.Number("mean"), Descriptive.Mean(x), Relative, 0, "mean");
        Tolerance.Close(c.Number("median"), Descriptive.Median(x), Relative, 0, "median");
        if (c.TryGetProperty("variance", out _))
        {
            Tolerance.Close(c.Number("variance"), Descriptive.Variance(x), Relative, 0, "variance");
            Tolerance.Close(c.Number("stddev"), Descriptive.StdDev(x), Relative, 0, "stddev");
        }

        foreach (var q in c.GetProperty("quantiles").EnumerateArray())
        {
            Tolerance.Close(q.Number("value"), Descriptive.Quantile(x, q.Number("p")), Relative, 0, $"quantile({q.Number("p")})");
        }
    }
}
