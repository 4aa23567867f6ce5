using AiLab.Stats.MultipleTesting;

namespace AiLab.Stats.Tests.MultipleTesting;

public sealed class HolmStepDownTests
{
    // Reference values from an independent implementation of Holm (1979) in python3 (statsmodels is not installed
    // here; its multipletests(method="holm") computes the same max-accumulated min(1, (m - i + 1) p)). The first was
    // also done by hand: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    public static TheoryData<double[], double[]> Vectors => new()
    {
        { [0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02] },
        { [0.0001, 0.02, 0.5, 0.03, 0.04, 0.001], [0.0006, 0.08, 0.5, 0.09, 0.09, 0.005] },
        { [0.3, 0.3, 0.3], [0.9, 0.9, 0.9] },
        { [0.005, 0.5, 0.6, 0.7, 0.8, 0.9], [0.03, 1, 1, 1, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Adjust_ReferenceVectors_MatchIndependentImplementation(double[] p, double[] expected)
    {
        var adjusted = HolmStepDown.Adjust(p);

        Assert.Equal(expected.Length, adjusted.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], adjusted[i], 12);
    }

    [Fact]
    public void Adjust_MissingPValue_CountsInTheFamilyButIsNeverRejected()
    {
        var adjusted = HolmStepDown.Adjust([0.001, double.NaN]);

        Assert.Equal(0.002, adjusted[0], 12);
        Assert.Equal(1.0, adjusted[1], 12);
    }

    [Fact]
    public void Adjust_OutOfRangePValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => HolmStepDown.Adjust([0.5, 1.5]));
    }

    [Fact]
    public void Level_StepsDownFromBonferroniToAlpha()
    {
        Assert.Equal(0.01 / 6, HolmStepDown.Level(0.01, 6, 0), 15);
        Assert.Equal(0.01, HolmStepDown.Level(0.01, 6, 5), 15);
    }

    [Fact]
    public void Adjust_RejectsExactlyWhereTheStepDownLevelsDo()
    {
        // Step-down by levels: 0.0001 ≤ 0.01/6, 0.001 ≤ 0.01/5, 0.02 > 0.01/4 stops; adjusted ≤ 0.01 must agree.
        double[] p = [0.0001, 0.02, 0.5, 0.03, 0.04, 0.001];

        var rejected = HolmStepDown.Adjust(p).Select(a => a <= 0.01).ToArray();

        Assert.Equal([true, false, false, false, false, true], rejected);
    }
}
