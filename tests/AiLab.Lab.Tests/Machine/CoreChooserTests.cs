using AiLab.Core.Machine;
using AiLab.Lab.Machine;

namespace AiLab.Lab.Tests.Machine;

public sealed class CoreChooserTests
{
    [Fact]
    public void Choose_TwoCoresThirtyPercentApart_PinsToTheFasterSteadyOne()
    {
        var pinning = CoreChooser.Choose([new CoreSpeed(0, 7.9, 0.01, 15), new CoreSpeed(1, 6.1, 0.012, 15)]);

        Assert.Equal([1], pinning.Cpus);
        Assert.Equal("auto", pinning.Source);
        Assert.Contains("differ by 29.5%", pinning.Reason, StringComparison.Ordinal);
        Assert.Contains("pinned to CPU 1", pinning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_EqualCores_LeavesTrialsUnpinned()
    {
        var pinning = CoreChooser.Choose([new CoreSpeed(0, 6.0, 0.01, 15), new CoreSpeed(1, 6.1, 0.011, 15), new CoreSpeed(2, 6.05, 0.009, 15)]);

        Assert.Null(pinning.Cpus);
        Assert.Contains("equally fast and steady", pinning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_FastCoreUnsteady_PinsToTheSteadyOne()
    {
        // CPU 0 is faster at its median but jumps around (a noisy neighbour, an interrupt-heavy core).
        var pinning = CoreChooser.Choose([new CoreSpeed(0, 5.0, 0.20, 15), new CoreSpeed(1, 6.5, 0.01, 15)]);

        Assert.Equal([1], pinning.Cpus);
        Assert.Contains("steadiest", pinning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_FourCoresTwoFastTwoSlow_PinsToBothFastOnes()
    {
        var pinning = CoreChooser.Choose(
        [
            new CoreSpeed(0, 8.0, 0.01, 15), new CoreSpeed(1, 6.0, 0.01, 15), new CoreSpeed(2, 8.1, 0.01, 15), new CoreSpeed(3, 6.1, 0.015, 15),
        ]);

        Assert.Equal([1, 3], pinning.Cpus);
    }

    [Fact]
    public void Choose_LoadedMachineWithLargeCvs_TreatsThemAsEquallySteady()
    {
        // 25% and 32% robust CVs are both the neighbours' noise: the faster core wins, not the one that was luckier.
        var pinning = CoreChooser.Choose([new CoreSpeed(0, 9.0, 0.25, 15), new CoreSpeed(1, 7.0, 0.32, 15)]);

        Assert.Equal([1], pinning.Cpus);
    }

    [Fact]
    public void Choose_DifferenceWithinTheRunsOwnNoise_CountsAsEqual()
    {
        // 8% apart, but with an 11% robust CV over 15 runs each median is uncertain by ~3.6%.
        Assert.Null(CoreChooser.Choose([new CoreSpeed(0, 6.0, 0.11, 15), new CoreSpeed(1, 6.48, 0.11, 15)]).Cpus);
        Assert.Equal([0], CoreChooser.Choose([new CoreSpeed(0, 6.0, 0.01, 15), new CoreSpeed(1, 6.48, 0.01, 15)]).Cpus);
        Assert.Equal(CoreChooser.SpeedTolerance, CoreChooser.EqualWithin(new CoreSpeed(0, 6, 0.01, 15), new CoreSpeed(1, 6, 0.01, 15)));
    }

    [Fact]
    public void Choose_OneCore_NothingToChoose()
    {
        var pinning = CoreChooser.Choose([new CoreSpeed(0, 6.0, 0.01, 15)]);

        Assert.Null(pinning.Cpus);
        Assert.Contains("one CPU", pinning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NoUsableMeasurement_SaysSoAndDoesNotPin()
    {
        var pinning = CoreChooser.Choose([new CoreSpeed(0, double.NaN, double.NaN, 0)]);

        Assert.Null(pinning.Cpus);
        Assert.Contains("no core could be measured", pinning.Reason, StringComparison.Ordinal);
    }
}
