using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>Commits that cannot be built, steps the trials cannot decide, and ranges with nothing to find.</summary>
public sealed class SkipAndNoiseTests
{
    [Fact]
    public async Task Run_UnbuildableCommitsOnThePath_AreSkippedReportedAndTheCulpritStillFound()
    {
        // 16 is the first midpoint and 8 the next one on the way to the culprit at 5.
        var history = Histories.Linear(32, (5, "config_validation", 100)).With(c => c with { Broken = true }, 16, 8);

        var (result, comparer) = await Histories.BisectAsync(history, seed: 2);

        Assert.Equal("c5", Assert.Single(result.Culprits).Commit);
        Assert.Equal(["c8", "c16"], result.Skipped.Select(s => s.Commit).ToArray());
        Assert.All(result.Skipped, s => Assert.Contains("broken", s.Reason, StringComparison.Ordinal));
        // A commit known to be broken is never tried twice.
        Assert.Equal(1, comparer.Calls.Count(c => c.Candidate == "c16"));
        Assert.True(result.Experiments <= BisectBudget.PerCulprit(32) + result.Skipped.Count);
    }

    [Fact]
    public async Task Run_OnlyUnbuildableCommitsBeforeTheCulprit_BlamesNoneAndListsTheCandidates()
    {
        var history = Histories.Linear(12, (7, "preprocessing", 80)).With(c => c with { Broken = true }, 6);

        var (result, _) = await Histories.BisectAsync(history, seed: 4);

        // Like git bisect: "the first bad commit could be any of c6, c7".
        Assert.Empty(result.Culprits);
        var unresolved = Assert.Single(result.Unresolved);
        Assert.Equal(["c6", "c7"], unresolved.Candidates.ToArray());
        Assert.Equal("c6", Assert.Single(result.Skipped).Commit);
    }

    [Fact]
    public async Task Run_BadCommitCannotRun_FailsAsAWorkloadFailureWithoutSearching()
    {
        var history = Histories.Linear(8, (3, "preprocessing", 80)).With(c => c with { Broken = true }, 8);

        var (result, _) = await Histories.BisectAsync(history);

        Assert.Equal(BisectStatus.WorkloadFailed, result.Status);
        Assert.Contains("bad commit", result.StatusReason, StringComparison.Ordinal);
        Assert.Empty(result.Culprits);
        Assert.Equal(1, result.Experiments);
    }

    [Fact]
    public async Task Run_NoisyProbe_IsRepeatedWithDoubledTrialsAndTheCulpritFound()
    {
        // Commit 8, the first midpoint, is 50 times noisier than the rest: at 5 or 10 trials its step cannot be placed.
        var history = Histories.Linear(16, (12, "config_validation", 30)).With(c => c with { NoiseFactor = 50 }, 8);

        var (result, comparer) = await Histories.BisectAsync(history, seed: 12, trials: 5, maxTrials: 40);

        Assert.Equal("c12", Assert.Single(result.Culprits).Commit);
        var probes = comparer.Calls.Where(c => c.Candidate == "c8").Select(c => c.Trials).ToArray();
        Assert.Equal([5, 10, 20], probes);
    }

    [Fact]
    public async Task Run_ProbeTooNoisyEvenAtTheMostTrials_ReportsUnresolvedInsteadOfGuessing()
    {
        var history = Histories.Linear(8, (6, "config_validation", 30)).With(c => c with { NoiseFactor = 400 }, 4);

        var (result, comparer) = await Histories.BisectAsync(history, seed: 5, trials: 5, maxTrials: 10);

        Assert.Empty(result.Culprits);
        var unresolved = Assert.Single(result.Unresolved);
        Assert.Contains("inconclusive", unresolved.Reason, StringComparison.Ordinal);
        Assert.Equal([5, 10], comparer.Calls.Where(c => c.Candidate == "c4").Select(c => c.Trials).ToArray());
    }

    [Fact]
    public async Task Run_TtfbInconclusiveButAPhaseMovedBeyondDoubt_SearchesThatPhaseWithANote()
    {
        // Start-up (imports) is so erratic that TTFB cannot be decided even at the most trials; config_validation is clean.
        var noise = SimulationNoise.Default with { PhaseFactors = new Dictionary<string, double> { ["imports"] = 60 } };
        var history = Histories.Linear(16, (6, "config_validation", 20));

        var (result, comparer) = await Histories.BisectAsync(history, seed: 3, noise: noise, trials: 6, maxTrials: 12);

        // TTFB alone is inconclusive, but the family rule lets the exact phase decide the range's verdict.
        Assert.Equal(Core.Verdicts.Verdict.Regression, result.RangeVerdict);
        Assert.Equal(1, comparer.Calls.Count(c => c is ("c0", "c16", _))); // the phase settled the step: no repeat for TTFB's sake
        Assert.Equal(["phase:config_validation"], result.Targets.ToArray());
        Assert.Equal("c6", Assert.Single(result.Culprits).Commit);
        Assert.Contains(result.Notes, n => n.Contains("moved beyond doubt", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public async Task Run_NeutralRanges_NeverNameACulprit()
    {
        var named = new List<string>();
        var experiments = 0;
        for (var seed = 1; seed <= 24; seed++)
        {
            var (result, _) = await Histories.BisectAsync(Histories.Linear(20 + seed), seed: seed * 7919);
            named.AddRange(result.Culprits.Select(c => $"seed {seed}: {c.Commit}"));
            experiments += result.Experiments;
            Assert.Equal(BisectStatus.Completed, result.Status);
        }

        Assert.Empty(named);
        Assert.True(experiments < 24 * 3, $"{experiments} experiments for 24 neutral ranges: the range comparison alone should settle most");
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public async Task Run_NeutralRangesWithNoisyMachine_NeverNameACulprit()
    {
        // Also an erratic start-up, which keeps TTFB inconclusive: then only a phase that moved beyond doubt is searched.
        var noisy = new SimulationNoise { Relative = 0.04, Machine = 0.04, JitterMs = 2, PhaseFactors = new Dictionary<string, double> { ["imports"] = 10 } };
        for (var seed = 1; seed <= 20; seed++)
        {
            var (result, _) = await Histories.BisectAsync(Histories.Linear(30), seed: seed, noise: noisy);
            Assert.True(result.Culprits.Count == 0, $"seed {seed} blamed {string.Join(", ", result.Culprits.Select(c => c.Summary))}");
        }
    }
}
