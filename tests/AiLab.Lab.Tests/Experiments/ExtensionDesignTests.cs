using AiLab.Lab.Experiments;
using AiLab.Stats.Distributions;
using AiLab.Stats.Sequential;

namespace AiLab.Lab.Tests.Experiments;

public sealed class ExtensionDesignTests
{
    [Fact]
    public void Plan_DefaultTrials_LooksAtOneTwoAndThreeTimesTheDefault()
    {
        var plan = ExtensionDesign.Plan(10, 0.01);

        Assert.Equal([10, 20, 30], plan.Looks);
        Assert.Equal(SpendingFunction.Pocock, plan.Spending);
        Assert.Equal(3, plan.NominalAlphas.Count);
    }

    [Fact]
    public void Plan_NominalLevels_KeepTheOverallFalsePositiveRateAtAlphaByTheIntegrator()
    {
        var plan = ExtensionDesign.Plan(10, 0.01);
        var boundaries = plan.NominalAlphas.Select(a => NormalDistribution.Quantile(1 - (a / 2))).ToArray();
        var fractions = plan.Looks.Select(n => n / 30.0).ToArray();

        var overall = GroupSequentialBoundaries.CrossingProbability(fractions, boundaries);

        Assert.Equal(0.01, overall, 5);
        // Each look alone is stricter than the fixed test, and their plain sum exceeds α: the looks are correlated.
        Assert.All(plan.NominalAlphas, a => Assert.InRange(a, 0.002, 0.01));
        Assert.True(plan.NominalAlphas.Sum() > 0.01);
    }

    [Fact]
    public void Plan_NominalLevels_KeepTheRateInASimulationOfTheLooks()
    {
        // Under no change the look statistics are a Brownian motion at information 1/3, 2/3, 1 (Jennison & Turnbull
        // 2000, §3.1): Z_k = S_k / √k with S the sum of k independent standard normals.
        var plan = ExtensionDesign.Plan(10, 0.01);
        var boundaries = plan.NominalAlphas.Select(a => NormalDistribution.Quantile(1 - (a / 2))).ToArray();
        var random = new Random(20261206);
        const int Experiments = 400_000;
        var alarms = 0;
        for (var i = 0; i < Experiments; i++)
        {
            var sum = 0.0;
            for (var k = 1; k <= 3; k++)
            {
                sum += Gaussian(random);
                if (Math.Abs(sum / Math.Sqrt(k)) >= boundaries[k - 1])
                {
                    alarms++;
                    break;
                }
            }
        }

        var rate = alarms / (double)Experiments;
        var se = Math.Sqrt(0.01 * 0.99 / Experiments);
        Assert.InRange(rate, 0.01 - (4 * se), 0.01 + (4 * se));
    }

    [Fact]
    public void Plan_ExtendingOnlyWhenInconclusive_NeverLooksMoreThanTheDesign()
    {
        var plan = ExtensionDesign.Plan(8, 0.01);

        Assert.Equal(2, ExtensionDesign.LookOf(plan, 24));
        Assert.Equal(-1, ExtensionDesign.LookOf(plan, 30));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
