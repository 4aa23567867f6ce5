using System.Globalization;

namespace AiLab.Stats.Calibration;

/// <summary>
/// The false alarms an owner accepts, stated in their terms ("at most 1 false alarm per week" while the lab runs
/// 500 experiments a week), and the per-experiment false-positive rate that follows from it.
/// </summary>
/// <remarks>
/// The rate is the expected-count budget: M experiments at rate r raise M·r false alarms on average, so
/// r = N / M (a per-family Bonferroni split, which stays valid whatever the dependence between experiments).
/// It is two-sided: a false regression and a false improvement both count, so each direction gets r / 2.
/// Where one experiment can raise an alarm on several metrics, the rate is split evenly among them.
/// </remarks>
public sealed record FalsePositiveBudget
{
    /// <summary>The smallest per-experiment rate that a calibration can still check by simulation.</summary>
    public const double MinRate = 1e-6;

    private FalsePositiveBudget(double falseAlarms, double experiments, string period, int metricsPerExperiment)
    {
        FalseAlarms = falseAlarms;
        Experiments = experiments;
        Period = period;
        MetricsPerExperiment = metricsPerExperiment;
    }

    /// <summary>False alarms accepted per period (N).</summary>
    public double FalseAlarms { get; }

    /// <summary>Experiments the lab runs per period (M).</summary>
    public double Experiments { get; }

    /// <summary>The period both counts refer to ("week", "day", "release"); only for messages.</summary>
    public string Period { get; }

    /// <summary>How many metrics of one experiment can each raise an alarm (1 when only TTFB decides).</summary>
    public int MetricsPerExperiment { get; }

    /// <summary>The per-experiment, two-sided false-positive rate N / M.</summary>
    public double PerExperimentRate => FalseAlarms / Experiments;

    /// <summary>The two-sided rate each metric may spend: N / M / metrics.</summary>
    public double PerMetricRate => PerExperimentRate / MetricsPerExperiment;

    /// <summary>The rate of each direction (false regression or false improvement) of one metric.</summary>
    public double PerTailRate => PerMetricRate / 2;

    /// <summary>Builds the budget from "<paramref name="falseAlarms"/> false alarms per <paramref name="period"/>" and
    /// "<paramref name="experiments"/> experiments per <paramref name="period"/>".</summary>
    /// <exception cref="ArgumentException">A count is not positive or finite, the alarms are not fewer than the
    /// experiments, or the resulting rate is below <see cref="MinRate"/>.</exception>
    public static FalsePositiveBudget Create(double falseAlarms, double experiments, string period = "week", int metricsPerExperiment = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        if (!(double.IsFinite(falseAlarms) && falseAlarms > 0))
        {
            throw new ArgumentException(
                $"The budget needs a positive number of false alarms per {period}, got {F(falseAlarms)}; a budget of 0 cannot be met by any test.",
                nameof(falseAlarms));
        }

        if (!(double.IsFinite(experiments) && experiments > 0))
        {
            throw new ArgumentException($"The number of experiments per {period} must be positive, got {F(experiments)}.", nameof(experiments));
        }

        if (falseAlarms >= experiments)
        {
            throw new ArgumentException(
                $"{F(falseAlarms)} false alarms per {period} among {F(experiments)} experiments per {period} is no budget: " +
                "the false alarms must be fewer than the experiments.",
                nameof(falseAlarms));
        }

        if (metricsPerExperiment < 1)
        {
            throw new ArgumentException($"At least one metric per experiment decides, got {metricsPerExperiment}.", nameof(metricsPerExperiment));
        }

        var budget = new FalsePositiveBudget(falseAlarms, experiments, period.Trim(), metricsPerExperiment);
        if (budget.PerMetricRate < MinRate)
        {
            throw new ArgumentException(
                $"{F(falseAlarms)} false alarm(s) per {F(experiments)} experiments ({metricsPerExperiment} metric(s) each) is a rate of " +
                $"{budget.PerMetricRate:0.###e0} per metric, below {MinRate:0e0}: no calibration can show that. " +
                $"Allow more false alarms or count fewer experiments.",
                nameof(experiments));
        }

        return budget;
    }

    /// <summary>A budget stated directly as a per-experiment two-sided rate (e.g. 0.001).</summary>
    /// <exception cref="ArgumentException">The rate is outside [<see cref="MinRate"/>, 0.5].</exception>
    public static FalsePositiveBudget FromRate(double rate)
    {
        if (!(rate >= MinRate && rate <= 0.5))
        {
            throw new ArgumentException($"A per-experiment false-positive rate must lie in [{MinRate:0e0}, 0.5], got {F(rate)}.", nameof(rate));
        }

        return new FalsePositiveBudget(rate, 1, "experiment", 1);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{F(FalseAlarms)} false alarm(s) per {F(Experiments)} experiments per {Period} " +
        $"= {PerMetricRate.ToString("0.####e0", CultureInfo.InvariantCulture)} per experiment{(MetricsPerExperiment > 1 ? " and metric" : "")} (two-sided)";

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
