using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Lab.Capacity;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Capacity;

public sealed class CapacityLedgerTests
{
    private static readonly CapacityLedger Ledger = new([
        CostRows.Completed("ab-1", 0, cpu: 12, tailCpu: 10, tailWall: 8, tier: CapacityTier.Calibration),
        CostRows.Stopped("ab-1", 1, cpu: 2, stopCpu: 0, tier: CapacityTier.Calibration),
        CostRows.Stopped("ab-1", 2, cpu: 3, stopCpu: 0, tier: CapacityTier.Calibration),
        CostRows.Stopped("ab-2", 0, cpu: 4, workflow: "infer", tier: CapacityTier.Bisection, minutes: 60),
        CostRows.Completed("ab-3", 0, cpu: 20, tailCpu: 15, tailWall: 10, workflow: "infer", warmup: false,
            minutes: 120),
    ]);

    [Fact]
    public void Report_GroupsSpendByTierInTierOrderAndByWorkflowMostCpuFirst()
    {
        var report = Ledger.Report(null, null, CostRows.Start.AddDays(1));

        Assert.Equal(["adhoc", "bisection", "calibration"], report.ByTier.Select(t => t.Key));
        Assert.Equal([20.0, 4.0, 17.0], report.ByTier.Select(t => t.CpuSeconds));
        Assert.Equal(["infer", "train"], report.ByWorkflow.Select(w => w.Key));
        Assert.Equal(5, report.Total.Trials);
        Assert.Equal(41.0, report.Total.CpuSeconds, 9);
        Assert.Equal(["ab-3", "ab-2", "ab-1"], report.ByExperiment.Select(e => e.Key));
    }

    [Fact]
    public void Report_SavingsPerExperiment_UseTheirOwnWarmupsOrTheWorkflowsHistory()
    {
        var report = Ledger.Report(null, null, CostRows.Start.AddDays(1));

        var calibration = report.ByExperiment.Single(e => e.Key == "ab-1").Saved;
        Assert.Equal(20.0, calibration.CpuSeconds!.Value, 9);
        // ab-2 has no warm-up; ab-3 of the same workflow ran to completion with a 15 CPU s tail.
        var bisection = report.ByExperiment.Single(e => e.Key == "ab-2").Saved;
        Assert.Equal(14.95, bisection.CpuSeconds!.Value, 9);
        Assert.Equal(34.95, report.Total.Saved.CpuSeconds!.Value, 9);
    }

    [Fact]
    public void Report_Since_LeavesOutOlderTrialsButNotTheirHistory()
    {
        var report = Ledger.Report(CostRows.Start.AddMinutes(30), null, CostRows.Start.AddDays(1));

        Assert.Equal(2, report.Total.Trials);
        Assert.Equal(["adhoc", "bisection"], report.ByTier.Select(t => t.Key));
    }

    [Fact]
    public void Report_Budget_CountsTheSpendOfItsPeriodOnly()
    {
        var budget = new CapacityBudget(CpuHours: 0.01, GpuHours: null, TimeSpan.FromHours(1), "hour");

        var report = Ledger.Report(null, budget, CostRows.Start.AddMinutes(150));

        // Only ab-3 (started at +120 min) is inside the last hour: 20 CPU s of 36 allowed.
        Assert.Equal(20.0 / 3600, report.Budget!.CpuHours, 9);
        Assert.Equal(20.0 / 36, report.Budget.CpuFraction!.Value, 9);
        Assert.Null(report.Budget.GpuFraction);
    }

    [Fact]
    public void MedianTrialCpuSeconds_OfAWorkflow_IsTheMedianOfItsSuccessfulTrials()
    {
        Assert.Equal(3.0, Ledger.MedianTrialCpuSeconds("train"));
        Assert.Equal(12.0, Ledger.MedianTrialCpuSeconds("infer"));
        Assert.Equal(4.0, Ledger.MedianTrialCpuSeconds("infer", CapacityTier.Bisection));
        Assert.Null(Ledger.MedianTrialCpuSeconds("nothing"));
    }

    [Fact]
    public void CostOf_AStoppedTrial_CarriesItsTierWorkflowAndWhatItsStopCost()
    {
        var experiment = Trials.AbExperiment() with
        {
            Tier = CapacityTier.Release, Workflow = new WorkflowSpec { Name = "train", Run = "x" },
        };
        var result = Trials.Succeeded([("first_batch", 1000)], cpuMs: 1500) with
        {
            WallMs = 1200, GpuMs = 1200, Stop = new TrialStop("first_batch", 1100, Forced: false),
            MarksReached = new MarksReached(1050, CpuMs: 1400),
        };

        var cost = CapacityLedger.CostOf(experiment, new TrialRecord(experiment.Id, 3, "B", false, result));

        Assert.Equal(CapacityTier.Release, cost.Tier);
        Assert.Equal("train", cost.Workflow);
        Assert.True(cost.Stopped);
        Assert.Equal(1.5, cost.CpuSeconds, 9);
        Assert.Equal(1.2, cost.GpuSeconds, 9);
        Assert.Equal(0.1, cost.CpuAfterMarksSeconds!.Value, 9);
        Assert.Equal(0.15, cost.WallAfterMarksSeconds!.Value, 9);
    }
}
