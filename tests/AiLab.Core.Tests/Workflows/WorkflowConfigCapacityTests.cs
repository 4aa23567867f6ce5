using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

/// <summary><c>run_to</c>, <c>gpus</c> and the <c>capacity:</c> budget (docs/ailab-yaml.md, docs/capacity.md).</summary>
public class WorkflowConfigCapacityTests
{
    [Fact]
    public void Parse_NoRunTo_StopsAtTheMarksAndNeedsFirstBatchThenTheExpectedPhases()
    {
        var suite = WorkflowConfig.Parse(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    expect_phases: [imports, first_batch, steady_state]"), "ailab.yaml");

        var train = suite.Get("train");
        Assert.Equal(RunTo.Marks, train.RunTo);
        Assert.Equal(["first_batch", "imports", "steady_state"], train.NeededMarks());
        Assert.Equal(0, train.Gpus);
        Assert.Null(suite.Capacity);
    }

    [Fact]
    public void Parse_RunToCompletionAndGpus_AreRead()
    {
        var train = WorkflowConfig.Parse(Lines(
            "workflows:",
            "  train: {run: python3 train.py, run_to: completion, gpus: 2}"), "ailab.yaml").Get("train");

        Assert.Equal(RunTo.Completion, train.RunTo);
        Assert.Equal(2, train.Gpus);
    }

    [Fact]
    public void Parse_UnknownRunTo_NamesTheLineAndSuggests()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    run_to: complete"));

        var diagnostic = HasError(error, 4, 13, "unknown run_to 'complete' in workflow 'train'");
        Assert.Contains("did you mean 'completion'?", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeGpus_IsRejectedAtItsLine()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    gpus: -1"));

        HasError(error, 4, 11, "'gpus' in workflow 'train'");
    }

    [Fact]
    public void Parse_CapacityBudget_IsRead()
    {
        var suite = WorkflowConfig.Parse(Lines(
            "capacity: {cpu_hours: 40.5, gpu_hours: 2, per: day}",
            "workflows: {train: {run: x}}"), "ailab.yaml");

        Assert.Equal(40.5, suite.Capacity!.CpuHours);
        Assert.Equal(2, suite.Capacity.GpuHours);
        Assert.Equal(TimeSpan.FromDays(1), suite.Capacity.Period);
    }

    [Fact]
    public void Parse_CapacityWithoutABudgetOrWithBadValues_ReportsEachAtItsLine()
    {
        var error = Fails(Lines(
            "capacity:",
            "  cpu_hours: lots",
            "  per: fortnight",
            "  gpu: 1",
            "workflows: {train: {run: x}}"));

        HasError(error, 2, 14, "'cpu_hours' in 'capacity' must be a positive number of hours");
        HasError(error, 3, 8, "unknown period 'fortnight' in 'capacity'");
        HasError(error, 4, 3, "'gpu'");
    }

    [Fact]
    public void Parse_EmptyCapacity_SaysWhatToSet()
    {
        var error = Fails(Lines(
            "capacity: {per: week}",
            "workflows: {train: {run: x}}"));

        var diagnostic = HasError(error, 1, 1, "'capacity' sets no budget");
        Assert.Contains("cpu_hours", diagnostic.Hint, StringComparison.Ordinal);
    }
}
