using AiLab.Core.Experiments;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

public sealed class ExperimentOutcomeTests
{
    private static readonly Experiment Completed = Trials.AbExperiment() with { Status = ExperimentStatus.Completed };

    [Fact]
    public void FailedTrials_FailedWarmup_IsNotAWorkloadFailure()
    {
        var outcome = new ExperimentOutcome(Completed,
        [
            new TrialRecord(Completed.Id, 0, "A", true, Trials.Failed("warm-up crash")),
            new TrialRecord(Completed.Id, 1, "A", false, Trials.Succeeded([("first_batch", 10)])),
        ]);

        Assert.Empty(outcome.FailedTrials);
        Assert.False(outcome.WorkloadFailed);
    }

    [Fact]
    public void WorkloadFailed_FailedMeasuredTrialOrFailedExperiment_IsTrue()
    {
        var failedTrial = new ExperimentOutcome(Completed, [new TrialRecord(Completed.Id, 1, "B", false, Trials.Failed("exit 1"))]);
        var failedBuild = new ExperimentOutcome(Completed with { Status = ExperimentStatus.Failed }, []);

        Assert.Equal(1, Assert.Single(failedTrial.FailedTrials).Sequence);
        Assert.True(failedTrial.WorkloadFailed);
        Assert.True(failedBuild.WorkloadFailed);
    }
}
