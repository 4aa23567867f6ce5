using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Core.Verdicts;
using AiLab.Lab.Machine;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Machine;

public sealed class MachineStateJudgeTests
{
    [Fact]
    public void Busy_QuietMachine_IsNull()
    {
        Assert.Null(MachineStateJudge.Busy(new MachineState { OtherCpuCores = 0.1, StealPct = 0.5, MemoryPressurePct = 0 }));
    }

    [Fact]
    public void Busy_NotRecorded_IsNull()
    {
        Assert.Null(MachineStateJudge.Busy(null));
        Assert.Null(MachineStateJudge.Busy(new MachineState()));
    }

    [Fact]
    public void Busy_OtherProcessesOverHalfACore_SaysHowMuch()
    {
        var why = MachineStateJudge.Busy(new MachineState { OtherCpuCores = 1.3 });

        Assert.Equal("other processes used 1.3 cores", why);
    }

    [Fact]
    public void Busy_Pinned_JudgesTheLoadOnThePinnedCpusNotTheWholeMachine()
    {
        // A neighbour saturating the other core does not compete with a trial pinned to this one.
        Assert.Null(MachineStateJudge.Busy(new MachineState { OtherCpuCores = 1.0, OtherCpuCoresOnPinned = 0.05 }));
        Assert.Contains("on its pinned CPUs", MachineStateJudge.Busy(new MachineState { OtherCpuCores = 1.0, OtherCpuCoresOnPinned = 0.7 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_StealOrMemoryPressure_Flags()
    {
        Assert.Contains("stole 25%", MachineStateJudge.Busy(new MachineState { OtherCpuCores = 0, StealPct = 25 }), StringComparison.Ordinal);
        Assert.Contains("memory pressure 40%", MachineStateJudge.Busy(new MachineState { OtherCpuCores = 0, MemoryPressurePct = 40 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_ThreeOfTwentyTrialsBusy_AddsANoteWithCountAndAdvice()
    {
        var trials = Enumerable.Range(0, 20).Select(i => Trial(i, i % 7 == 3 ? 1.4 : 0.1)).ToList();
        var verdict = new ExperimentVerdict { Overall = Verdict.NoChange, PrimaryMetric = "ttfb", Metrics = [], Notes = ["earlier"] };

        var annotated = MachineStateJudge.Annotate(verdict, trials, null);

        Assert.Equal("earlier", annotated.Notes[0]);
        var note = Assert.Single(annotated.Notes.Skip(1));
        Assert.StartsWith("3 of 20 trials ran while the machine was busy", note, StringComparison.Ordinal);
        Assert.Contains("up to 1.4", note, StringComparison.Ordinal);
        Assert.Contains("rerun on a quiet machine or with --cpus", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_SlurmTrialsOnABusyNode_AdvisesQuietNodesNotCpus()
    {
        var trials = Enumerable.Range(0, 4).Select(i => Trial(i, 0.9)).ToList();
        var verdict = new ExperimentVerdict { Overall = Verdict.Inconclusive, PrimaryMetric = "ttfb", Metrics = [] };
        var onNode = new CpuPinning(null, MachineStateJudge.SlurmPinningSource, "the node binds each job");

        var note = Assert.Single(MachineStateJudge.Annotate(verdict, trials, onNode).Notes);

        Assert.StartsWith("4 of 4 trials ran while the machine was busy", note, StringComparison.Ordinal);
        Assert.Contains("rerun when the cluster's nodes are quiet", note, StringComparison.Ordinal);
        Assert.DoesNotContain("--cpus", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_NoBusyTrial_LeavesTheVerdictAlone()
    {
        var verdict = new ExperimentVerdict { Overall = Verdict.NoChange, PrimaryMetric = "ttfb", Metrics = [] };

        Assert.Same(verdict, MachineStateJudge.Annotate(verdict, [Trial(0, 0.2), Trial(1, 0.0)], null));
    }

    private static TrialRecord Trial(int sequence, double otherCores) => new(
        "ab-1", sequence, sequence % 2 == 0 ? "A" : "B", false,
        Trials.Succeeded([("imports", 100), ("first_batch", 5)]) with { Machine = new MachineState { OtherCpuCores = otherCores } });
}
