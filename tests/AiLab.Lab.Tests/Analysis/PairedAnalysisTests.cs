using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

/// <summary>Trials run side by side in blocks (the Slurm waves) are compared paired by block; trials run one at a time
/// keep the independent-sample tests.</summary>
public sealed class PairedAnalysisTests
{
    [Fact]
    public void Analyze_TrialsOneAtATime_KeepTheIndependentSampleTests()
    {
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var trials = Build(experiment, seed: 1, sideBySide: false);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(DecisionTest.WelchLogT, verdict.Basis!.Test);
        Assert.Null(verdict.Basis.PairedBlocks);
        Assert.All(verdict.Metrics, m => Assert.Null(m.PairedBlocks));
        Assert.DoesNotContain(verdict.Notes, n => n.Contains("side by side", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_AaSideBySideWithSharedQueueNoise_PairedNoChangeWhereUnpairedCannotTell()
    {
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var paired = Build(experiment, seed: 2, sideBySide: true);
        var unpaired = paired.Select(t => t with { Result = t.Result with { Block = null } }).ToList();

        var verdict = ExperimentAnalyzer.Analyze(experiment, paired, VerdictPolicy.Default);
        var independent = ExperimentAnalyzer.Analyze(experiment, unpaired, VerdictPolicy.Default);

        Assert.Equal(DecisionTest.PairedLogT, verdict.Basis!.Test);
        Assert.Equal(10, verdict.Basis.PairedBlocks);
        var ttfb = Assert.Single(verdict.Metrics, m => m.Name == MetricCatalog.Ttfb);
        Assert.Equal(10, ttfb.PairedBlocks);
        Assert.False(double.IsNaN(ttfb.WilcoxonP));
        Assert.Equal(Verdict.NoChange, verdict.Overall);
        Assert.Contains("paired t-test on log(B/A) per block (10 blocks)", ttfb.Reason, StringComparison.Ordinal);
        Assert.Contains(verdict.Notes, n => n.StartsWith(
            "A and B ran side by side: compared paired by block, 10 blocks", StringComparison.Ordinal));
        // The same numbers as independent samples: the shared queue noise leaves the interval far wider than ±5%.
        Assert.Equal(Verdict.Inconclusive, independent.Overall);
    }

    [Fact]
    public void Analyze_SideBySideConfigValidationSlower_PairedRegressionCausedByIt()
    {
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var trials = Build(experiment, seed: 3, sideBySide: true, shiftB: 150);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(DecisionTest.PairedLogT, verdict.Basis!.Test);
        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.Equal("phase:config_validation", verdict.Cause);
    }

    [Fact]
    public void Analyze_FailedPartnerAndLeftover_ThoseBlocksAreLeftOut()
    {
        var experiment = Trials.AbExperiment(trials: 11, warmup: 0);
        var trials = Build(experiment, seed: 4, sideBySide: true);
        trials[3] = trials[3] with { Result = Trials.Failed("crashed") with { Block = trials[3].Result.Block } };
        trials.RemoveAt(trials.Count - 1); // the last block's B never ran

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(9, verdict.Basis!.PairedBlocks);
        Assert.Contains(verdict.Notes, n => n.Contains(
            "9 blocks; 2 blocks left out (an unpaired leftover or a failed partner)", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_TooFewCompleteBlocks_FallsBackToIndependentSamplesWithANote()
    {
        var experiment = Trials.AbExperiment(trials: 6, warmup: 0);
        var trials = Build(experiment, seed: 5, sideBySide: true);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(DecisionTest.WelchLogT, verdict.Basis!.Test);
        Assert.Null(verdict.Basis.PairedBlocks);
        Assert.Contains(verdict.Notes, n => n.Contains(
            "only 6 complete blocks: the paired test needs 8", StringComparison.Ordinal));
    }

    [Fact]
    public void MinimumBlocks_DefaultPolicy_IsEightBecauseWilcoxonCannotReachOnePercentWithFewer()
    {
        Assert.Equal(8, BlockPairing.MinimumBlocks(VerdictPolicy.Default));
        Assert.Equal(5, BlockPairing.MinimumBlocks(VerdictPolicy.Default with { Alpha = 0.1 }));
    }

    /// <summary>Blocks of one A and one B: a queue phase both trials of a block share (35–993 ms, the scheduler's
    /// tick), then phases with 2% noise of their own; B's config validation is <paramref name="shiftB"/> ms
    /// longer.</summary>
    private static List<TrialRecord> Build(Experiment experiment, int seed, bool sideBySide, double shiftB = 0)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>();
        for (var block = 0; block < experiment.TrialsPerVariant; block++)
        {
            var queue = 35 + (958 * random.NextDouble());
            foreach (var label in new[] { "A", "B" })
            {
                var own = new[]
                    {
                        ("imports", 200.0), ("config_validation", 40.0), ("preprocessing", 300.0),
                        ("first_batch", 20.0),
                    }.Select(p => (p.Item1, (p.Item2 + (label == "B" && p.Item1 == "config_validation" ? shiftB : 0))
                                           * Math.Exp(0.02 * Samples.StandardNormal(random))));
                var shared = ("queue", queue * Math.Exp(0.005 * Samples.StandardNormal(random)));
                var phases = new[] { shared }.Concat(own).ToList();
                var result = Trials.Succeeded(phases) with { Block = sideBySide ? block : null };
                trials.Add(new TrialRecord(experiment.Id, trials.Count, label, false, result));
            }
        }

        return trials;
    }
}
