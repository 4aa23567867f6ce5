using AiLab.Lab.Capacity;

namespace AiLab.Lab.Tests.Capacity;

public sealed class StopSavingsTests
{
    [Fact]
    public void Estimate_WarmupTails_CreditEachStoppedTrialTheMedianTailLessItsOwnStop()
    {
        var trials = new[]
        {
            CostRows.Completed("ab-1", 0, cpu: 12, tailCpu: 10, tailWall: 8),
            CostRows.Completed("ab-1", 1, cpu: 13, tailCpu: 11, tailWall: 9),
            CostRows.Stopped("ab-1", 2, cpu: 2, stopCpu: 0.5),
            CostRows.Stopped("ab-1", 3, cpu: 2, stopCpu: 0.5),
        };

        var saved = StopSavings.Estimate(trials);

        Assert.Equal(2, saved.StoppedTrials);
        Assert.Equal(2, saved.ReferenceTrials);
        // Median tail 10.5 CPU s minus 0.5 s of stopping, twice; wall: 8.5 - 0.1, twice.
        Assert.Equal(20.0, saved.CpuSeconds!.Value, 9);
        Assert.Equal(16.8, saved.WallSeconds!.Value, 9);
        Assert.Contains("same experiment", saved.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_NoReference_IsUnknownNotZero()
    {
        var saved = StopSavings.Estimate([CostRows.Stopped("ab-1", 0, cpu: 2)]);

        Assert.Equal(1, saved.StoppedTrials);
        Assert.Null(saved.CpuSeconds);
        Assert.Null(saved.WallSeconds);
        Assert.StartsWith("not estimated", saved.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_NoReferenceInTheExperiment_UsesTheWorkflowsHistory()
    {
        var history = new[]
        {
            CostRows.Completed("ab-0", 0, cpu: 9, tailCpu: 6, tailWall: 4),
            CostRows.Completed("ab-0", 1, cpu: 9, tailCpu: 6, tailWall: 4, workflow: "other"),
        };

        var saved = StopSavings.Estimate([CostRows.Stopped("ab-1", 0, cpu: 2, stopCpu: 1)], history);

        Assert.Equal(1, saved.ReferenceTrials);
        Assert.Equal(5.0, saved.CpuSeconds!.Value, 9);
        Assert.Contains("latest trial(s) of the same workflow", saved.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_NothingStopped_SavedNothing()
    {
        var saved = StopSavings.Estimate([CostRows.Completed("ab-1", 0, cpu: 9, tailCpu: 6, tailWall: 4)]);

        Assert.Same(StopSavingsEstimate.None, saved);
    }

    [Fact]
    public void Estimate_StopCostMoreThanTheTail_NeverCountsANegativeSaving()
    {
        var saved = StopSavings.Estimate(
        [
            CostRows.Completed("ab-1", 0, cpu: 2, tailCpu: 0.01, tailWall: 0.02),
            CostRows.Stopped("ab-1", 1, cpu: 2, stopCpu: 0.3),
        ]);

        Assert.Equal(0, saved.CpuSeconds);
    }
}
