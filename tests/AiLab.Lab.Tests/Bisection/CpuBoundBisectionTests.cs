using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>Bisection reads the CPU time of CPU-bound phases as the A/B verdict does: a CPU regression that a busy
/// machine's wall-clock noise hides is found by <c>bisect</c> at the commit <c>ab</c> blames.</summary>
public sealed class CpuBoundBisectionTests
{
    // Every phase computes on one core and gets a third of it, unevenly (σ 0.35 per phase): wall time is noisy,
    // CPU time is not (2%). The planted commit adds 15 ms of CPU work to preprocessing (30 → 45 ms of CPU).
    private static readonly SimulationNoise Loaded = new()
    {
        CpuStamped = true, LoadStretch = 3, Load = 0.35, CpuRelative = 0.02, Machine = 0.05,
    };

    [Fact]
    public async Task Run_CpuRegressionHiddenInWallNoise_FindsTheCommitAbBlamesByPhaseCpu()
    {
        var history = Histories.Linear(16, (11, "preprocessing", 15));
        var ab = await new SimulatedRevisionComparer(history, Loaded, Histories.Policy, seed: 5)
            .CompareAsync(history.Good, history.Range[^1], 8, CancellationToken.None);
        // The scenario: the verdict calls it through the phase's CPU time, its wall time did not pass.
        Assert.Equal(Verdict.Regression, ab.Verdict!.Overall);
        Assert.Equal("phase_cpu:preprocessing", ab.Verdict.Basis?.DecidedBy);

        var (result, _) = await Histories.BisectAsync(history, seed: 5, noise: Loaded);

        Assert.Equal(Verdict.Regression, result.RangeVerdict);
        Assert.Equal(["phase_cpu:preprocessing"], result.Targets);
        var culprit = Assert.Single(result.Culprits);
        Assert.Equal(("c11", "preprocessing", "phase_cpu:preprocessing"), (culprit.Commit, culprit.Phase,
            culprit.Main.Metric));
        Assert.InRange(culprit.Main.Comparison.Diff, 12, 18);
        Assert.Matches(@"^preprocessing used 1\d(\.\d)? ms more CPU in c11$", culprit.Summary);
        Assert.Empty(result.Unresolved);
    }

    [Fact]
    public async Task Run_QuietMachineCpuStamped_StillSearchesTheWallPhase()
    {
        var quiet = Loaded with { Load = 0.01, LoadStretch = 1.05, Machine = 0.01 };
        var history = Histories.Linear(16, (6, "config_validation", 100));

        var (result, _) = await Histories.BisectAsync(history, seed: 2, noise: quiet);

        Assert.Equal(["phase:config_validation"], result.Targets); // the wall phase passed: its CPU adds nothing
        Assert.Equal("c6", Assert.Single(result.Culprits).Commit);
    }

    [Theory]
    [InlineData(0.001, 10.0, 14.0, 20.0, -5.0, 30.0, true)]   // in the family, the wall interval allows the shift
    [InlineData(0.001, 10.0, 14.0, 20.0, -5.0, 8.0, false)]   // a sleep swapped for a spin: wall rules it out
    [InlineData(double.NaN, 10.0, 14.0, 20.0, -5.0, 30.0, false)] // not CPU-bound here: never joined the family
    [InlineData(0.001, -10.0, -14.0, -6.0, -30.0, -2.0, true)]  // an improvement the wall allows
    [InlineData(0.001, -10.0, -14.0, -6.0, -5.0, 30.0, false)]  // an improvement the wall rules out
    public void CountsAsCpu_FamilyAndWallInterval_AsTheVerdictCountsIt(double adjustedP, double diff, double low,
        double high, double wallLow, double wallHigh, bool counts)
    {
        var s = new SampleSummary(8, 30, 30, 1, 29, 31);
        var cpu = new MetricComparison
        {
            Name = "phase_cpu:preprocessing", Unit = MetricUnit.Milliseconds, A = s, B = s, Diff = diff,
            CiDiff = [low, high], AdjustedP = adjustedP, Verdict = diff > 0 ? Verdict.Regression : Verdict.Improvement,
            Reason = "test",
        };
        var wall = cpu with
        {
            Name = "phase:preprocessing", Diff = (wallLow + wallHigh) / 2, CiDiff = [wallLow, wallHigh],
            Verdict = Verdict.Inconclusive,
        };

        Assert.Equal(counts, EffectClassifier.CountsAsCpu(cpu, wall));
        var comparison = new RevisionComparison
        {
            BaseCommit = "a", CandidateCommit = "b", TrialsPerVariant = 8, ExperimentId = "x",
            Verdict = new ExperimentVerdict
            {
                Overall = Verdict.Inconclusive, PrimaryMetric = "ttfb", Metrics = [wall, cpu],
            },
        };
        var judged = EffectClassifier.AsJudged(comparison, cpu.Name)!;
        Assert.Equal(counts ? cpu.Verdict : Verdict.Inconclusive, judged.Verdict);
        Assert.Equal(cpu.Diff, judged.Diff);
    }
}
