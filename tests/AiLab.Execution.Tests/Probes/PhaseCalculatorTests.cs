using AiLab.Core.Trials;
using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes;

public sealed class PhaseCalculatorTests
{
    [Fact]
    public void Compute_OrderedMarks_PhasesRunFromPreviousMarkUpToFirstBatch()
    {
        var breakdown = PhaseCalculator.Compute([
            new Mark("imports", 120), new Mark("config_validation", 150), new Mark("model_build", 400),
            new Mark("first_batch", 700), new Mark("done", 900)]);

        Assert.Equal([new Phase("imports", 120), new Phase("config_validation", 30), new Phase("model_build", 250),
            new Phase("first_batch", 300)], breakdown.Phases);
        Assert.Equal(700, breakdown.TtfbMs);
        Assert.Empty(breakdown.Warnings);
    }

    [Fact]
    public void Compute_CpuStampsOfOneProcess_PhaseCpuIsTheDifferenceFromTheStartOnward()
    {
        var breakdown = PhaseCalculator.Compute([
            new Mark("imports", 120) { CpuMs = 90, Pid = 7 },
            new Mark("config_validation", 150) { CpuMs = 95, Pid = 7 },
            new Mark("first_batch", 700) { CpuMs = 600, Pid = 7 }]);

        Assert.Equal([90.0, 5.0, 505.0], breakdown.Phases.Select(p => p.CpuMs!.Value));
    }

    [Fact]
    public void Compute_CpuStampsMissingOrFromAnotherProcess_PhaseCpuIsNull()
    {
        // A DataLoader worker's CPU clock starts at its fork: its stamp cannot be subtracted from the parent's.
        var breakdown = PhaseCalculator.Compute([
            new Mark("imports", 120) { CpuMs = 90, Pid = 7 }, new Mark("worker_ready", 150) { CpuMs = 3, Pid = 8 },
            new Mark("model_build", 400) { CpuMs = 300, Pid = 7 }, new Mark("first_batch", 700)]);

        Assert.Equal([90.0, null, null, null], breakdown.Phases.Select(p => p.CpuMs));
    }

    [Fact]
    public void Compute_NoFirstBatch_AllMarksArePhasesAndTtfbIsNull()
    {
        var breakdown = PhaseCalculator.Compute([new Mark("imports", 10), new Mark("config", 25)]);

        Assert.Equal([new Phase("imports", 10), new Phase("config", 15)], breakdown.Phases);
        Assert.Null(breakdown.TtfbMs);
    }

    [Fact]
    public void Compute_NoMarks_IsEmpty()
    {
        var breakdown = PhaseCalculator.Compute([]);

        Assert.Empty(breakdown.Phases);
        Assert.Null(breakdown.TtfbMs);
        Assert.Empty(breakdown.Warnings);
    }

    [Fact]
    public void Compute_DuplicateMark_KeepsFirstOccurrenceAndWarns()
    {
        var breakdown = PhaseCalculator.Compute([
            new Mark("imports", 100), new Mark("imports", 180), new Mark("first_batch", 300), new Mark("first_batch", 350)]);

        Assert.Equal([new Phase("imports", 100), new Phase("first_batch", 200)], breakdown.Phases);
        Assert.Equal(300, breakdown.TtfbMs);
        Assert.Equal(2, breakdown.Warnings.Count);
        Assert.Equal("mark 'imports' at 180.0 ms repeats the one at 100.0 ms; the first one counts", breakdown.Warnings[0]);
        Assert.StartsWith("mark 'first_batch' at 350.0 ms repeats", breakdown.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_RepeatedMarksAfterFirstBatch_AreNotWarnedAbout()
    {
        var breakdown = PhaseCalculator.Compute([
            new Mark("first_batch", 300), new Mark("epoch", 400), new Mark("epoch", 500)]);

        Assert.Single(breakdown.Phases);
        Assert.Empty(breakdown.Warnings);
    }

    [Fact]
    public void Compute_MarkGoingBackwards_WarnsAndYieldsZeroLengthPhase()
    {
        var breakdown = PhaseCalculator.Compute([
            new Mark("imports", 200), new Mark("config", 150), new Mark("first_batch", 260)]);

        Assert.Equal([new Phase("imports", 200), new Phase("config", 0), new Phase("first_batch", 60)], breakdown.Phases);
        var warning = Assert.Single(breakdown.Warnings);
        Assert.Equal("mark 'config' at 150.0 ms went backwards: it arrived after 'imports' at 200.0 ms", warning);
    }
}
