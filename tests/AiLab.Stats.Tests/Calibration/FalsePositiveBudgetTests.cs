using AiLab.Stats.Calibration;

namespace AiLab.Stats.Tests.Calibration;

public sealed class FalsePositiveBudgetTests
{
    [Fact]
    public void Create_OneAlarmPerThousandExperiments_GivesRateOnePerMilleSplitOverTwoTails()
    {
        var budget = FalsePositiveBudget.Create(1, 1000, "week");

        Assert.Equal(0.001, budget.PerExperimentRate, 15);
        Assert.Equal(0.0005, budget.PerTailRate, 15);
        Assert.Contains("per week", budget.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SeveralMetricsPerExperiment_SplitsTheRateEvenly()
    {
        var budget = FalsePositiveBudget.Create(2, 500, "day", metricsPerExperiment: 4);

        Assert.Equal(0.004, budget.PerExperimentRate, 15);
        Assert.Equal(0.001, budget.PerMetricRate, 15);
    }

    [Theory]
    [InlineData(0, 100, "positive number of false alarms")]
    [InlineData(1, 0, "must be positive")]
    [InlineData(5, 5, "must be fewer than the experiments")]
    [InlineData(1, 1e8, "no calibration can show that")]
    [InlineData(double.NaN, 100, "positive number of false alarms")]
    public void Create_BadCounts_ThrowsWithAClearMessage(double alarms, double experiments, string fragment)
    {
        var error = Assert.Throws<ArgumentException>(() => FalsePositiveBudget.Create(alarms, experiments));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRate_OutsideRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => FalsePositiveBudget.FromRate(0.7));
        Assert.Equal(0.01, FalsePositiveBudget.FromRate(0.01).PerMetricRate, 15);
    }
}
