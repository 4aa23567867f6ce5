using AiLab.Stats.Calibration;
using AiLab.Stats.Paired;
using Xunit.Abstractions;

namespace AiLab.Stats.Tests.Simulation;

/// <summary>
/// Identical models on resampled data: every replication draws fresh examples and two models with the same score
/// distribution (independent noise around one signal), so any alarm is false. McNemar (accuracy), DeLong (AUROC) and
/// the paired Poisson bootstrap (AUPRC) must alarm at most α = 0.05 of the time; a truly worse candidate must be
/// caught (power). Run alone with <c>--filter Category=Simulation</c>.
/// </summary>
public sealed class PairedFalseAlarmSimulationTests(ITestOutputHelper output)
{
    private const double Alpha = 0.05;

    [Fact]
    [Trait("Category", "Simulation")]
    public void PairedTests_IdenticalModelsOnResampledData_AlarmWithinAlpha()
    {
        const int replications = 600;
        const int bootstrapReplications = 150;
        var random = new Random(20261206);
        int mcnemar = 0, delong = 0, bootstrap = 0;
        for (var r = 0; r < replications; r++)
        {
            var (labels, a, b) = Draw(random, 400, candidateSignal: 1.0);
            var correctA = a.Select((s, i) => s >= 0.5 == labels[i]).ToArray();
            var correctB = b.Select((s, i) => s >= 0.5 == labels[i]).ToArray();
            mcnemar += McNemarTest.Compute(correctA, correctB).PValue < Alpha ? 1 : 0;
            delong += DeLongTest.Compute(labels, a, b).PValue < Alpha ? 1 : 0;
            if (r < bootstrapReplications)
                bootstrap += PairedBootstrap.Compute(labels, a, b, 0.5, new Random(r), replicates: 200).AveragePrecision.ExcludesZero ? 1 : 0;
        }

        AssertWithinAlpha("McNemar exact", mcnemar, replications);
        AssertWithinAlpha("DeLong", delong, replications);
        AssertWithinAlpha("bootstrap AUPRC", bootstrap, bootstrapReplications);
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void DeLong_CandidateWithWeakerSignal_IsDetectedMostOfTheTime()
    {
        const int replications = 200;
        var random = new Random(7);
        var alarms = 0;
        for (var r = 0; r < replications; r++)
        {
            var (labels, a, b) = Draw(random, 400, candidateSignal: 0.5);
            var result = DeLongTest.Compute(labels, a, b);
            alarms += result.PValue < Alpha && result.Difference < 0 ? 1 : 0;
        }

        var (low, high) = WilsonInterval.Compute(alarms, replications);
        output.WriteLine($"DeLong power {alarms}/{replications} (95% CI {low:F3}–{high:F3})");
        Assert.True(alarms / (double)replications > 0.8, $"power {alarms}/{replications}");
    }

    private void AssertWithinAlpha(string test, int alarms, int replications)
    {
        var (low, high) = WilsonInterval.Compute(alarms, replications);
        var message = $"{test}: false alarms {alarms}/{replications} = {alarms / (double)replications:F3} (95% CI {low:F3}–{high:F3})";
        output.WriteLine(message);

        // The rate may sit below α (McNemar's exact test is conservative) but its interval must reach α or lie under it.
        Assert.True(low <= Alpha, message);
    }

    private static (bool[] Labels, double[] A, double[] B) Draw(Random random, int n, double candidateSignal)
    {
        var labels = new bool[n];
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.4;
            var truth = (labels[i] ? 1 : -1) * 0.8;
            var shared = Normal(random);
            a[i] = Sigmoid(truth + shared + (0.7 * Normal(random)));
            b[i] = Sigmoid((truth * candidateSignal) + shared + (0.7 * Normal(random)));
        }

        return (labels, a, b);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // Box–Muller (1958).
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
