using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.SignificanceTesting;

/// <summary>Input validation, R's exact/normal switch, and the all-tied edge where R returns NaN.</summary>
public sealed class MannWhitneyUTestTests
{
    [Fact]
    public void Run_EmptySample_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => MannWhitneyUTest.Run([1.0], []));
        Assert.Equal("y", error.ParamName);
    }

    [Fact]
    public void Run_InfiniteValue_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => MannWhitneyUTest.Run([double.PositiveInfinity], [1.0]));

    [Fact]
    public void Run_NaNShift_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => MannWhitneyUTest.Run([1.0], [2.0], double.NaN));

    [Fact]
    public void Run_AllValuesTied_ReturnsPValueOneNotNaN()
    {
        var result = MannWhitneyUTest.Run([4.0, 4.0, 4.0], [4.0, 4.0]);

        Assert.Equal(3, result.U); // every pair ties and counts one half
        Assert.Equal(1, result.PValue);
        Assert.False(result.Exact);
    }

    [Fact]
    public void Run_CompletelySeparatedSmallSamples_GivesExactOneOverBinomial()
    {
        // Every x above every y: W = m·n, and under H0 all C(8, 4) = 70 orderings are equally likely.
        var result = MannWhitneyUTest.Run([5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0], alternative: Alternative.Greater);

        Assert.True(result.Exact);
        Assert.Equal(16, result.U);
        Assert.Equal(1.0 / 70, result.PValue, 15);
    }

    [Fact]
    public void Run_FortyNineVersusFifty_SwitchesToNormalApproximationLikeR()
    {
        var x = Enumerable.Range(0, 49).Select(i => i * 1.0).ToArray();
        var y = Enumerable.Range(0, 50).Select(i => i + 0.5).ToArray();

        Assert.True(MannWhitneyUTest.Run(x, y[..49]).Exact);
        Assert.False(MannWhitneyUTest.Run(x, y).Exact);
    }
}
