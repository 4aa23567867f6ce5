using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

public sealed class ExperimentAnalyzerTests
{
    private const int N = 12;

    /// <summary>Base phase durations in ms: a realistic PyTorch start-up.</summary>
    private static readonly Dictionary<string, double> Baseline = new(StringComparer.Ordinal)
    {
        ["imports"] = 1300, ["config_validation"] = 40, ["preprocessing"] = 300, ["model_build"] = 60, ["first_batch"] = 20,
    };

    [Fact]
    public void Analyze_OnePhaseSlower_OverallFollowsTtfbAndCauseIsThatPhase()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 1, shiftB: new() { ["config_validation"] = 400 });

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        var ttfb = Metric(verdict, MetricCatalog.Ttfb);
        Assert.Equal(MetricCatalog.Ttfb, verdict.PrimaryMetric);
        Assert.Equal(Verdict.Regression, ttfb.Verdict);
        Assert.Equal(ttfb.Verdict, verdict.Overall);
        Assert.Equal("phase:config_validation", verdict.Cause);
        Assert.Equal(Verdict.Regression, Metric(verdict, "phase:config_validation").Verdict);
        Assert.Equal(Verdict.NoChange, Metric(verdict, "phase:imports").Verdict);
    }

    [Fact]
    public void Analyze_SeveralPhasesMove_CauseIsTheLargestMoveInTheOverallDirection()
    {
        // imports got 250 ms faster, but config_validation (+600) and preprocessing (+150) got slower: TTFB +500 ms.
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 2, shiftB: new() { ["imports"] = -250, ["config_validation"] = 600, ["preprocessing"] = 150 });

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.Equal(Verdict.Improvement, Metric(verdict, "phase:imports").Verdict);
        Assert.Equal(Verdict.Regression, Metric(verdict, "phase:preprocessing").Verdict);
        Assert.Equal("phase:config_validation", verdict.Cause);
    }

    [Fact]
    public void Analyze_OnePhaseFaster_ReportsImprovementCausedByIt()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 3, shiftB: new() { ["preprocessing"] = -200, ["model_build"] = 30 });

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.Improvement, verdict.Overall);
        Assert.Equal("phase:preprocessing", verdict.Cause);
    }

    [Fact]
    public void Analyze_StoppedTrials_SayResourceMetricsCoverTheRunUpToTheStop()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 4, shiftB: [])
            .Select(t => t with { Result = t.Result with { Stop = new TrialStop("first_batch", 1000, Forced: false) } })
            .ToList();

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.NoChange, verdict.Overall);
        var note = Assert.Single(verdict.Notes);
        Assert.StartsWith("cpu_time and peak_rss cover each trial up to its stop after first_batch", note,
            StringComparison.Ordinal);
        Assert.Contains($"{2 * N} of {2 * N} measured trials were stopped", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NoChange_HasNoCause()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 4, shiftB: []);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.NoChange, verdict.Overall);
        Assert.Null(verdict.Cause);
        Assert.Empty(verdict.Notes);
    }

    [Fact]
    public void Analyze_Metrics_AreTtfbThenPhasesInMarkOrderThenResources()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 5, shiftB: []);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(
            ["ttfb", "phase:imports", "phase:config_validation", "phase:preprocessing", "phase:model_build", "phase:first_batch", "cpu_time", "peak_rss"],
            verdict.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void Analyze_FailedTrials_AreLeftOutAndNoted()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 6, shiftB: []).ToList();
        var failed = trials.Where(t => t.Variant == "B").Take(2).ToList();
        foreach (var t in failed)
            trials[trials.IndexOf(t)] = t with { Result = Trials.Failed("exited with code 1: CUDA out of memory") };

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        var note = Assert.Single(verdict.Notes);
        Assert.StartsWith("B: 2 of 12 trials failed", note, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory", note, StringComparison.Ordinal);
        Assert.Equal(N - 2, Metric(verdict, MetricCatalog.Ttfb).B.N);
        Assert.Equal(N, Metric(verdict, MetricCatalog.Ttfb).A.N);
    }

    [Fact]
    public void Analyze_WarmupTrials_AreIgnored()
    {
        // A warm-up of B is 3x slower (cold page cache) and one crashed; the measured trials are identical in distribution.
        var experiment = Trials.AbExperiment(trials: N, warmup: 2);
        var measured = Build(experiment, seed: 7, shiftB: [], firstSequence: 4);
        var warmups = new List<TrialRecord>();
        var sequence = 0;
        foreach (var label in new[] { "A", "B", "A" })
        {
            var factor = label == "B" ? 3.0 : 1.0;
            warmups.Add(new TrialRecord(experiment.Id, sequence++, label, true,
                Trials.Succeeded(Baseline.Select(p => (p.Key, p.Value * factor)).ToList())));
        }

        warmups.Add(new TrialRecord(experiment.Id, sequence, "B", true, Trials.Failed("warm-up crashed")));

        var verdict = ExperimentAnalyzer.Analyze(experiment, [.. warmups, .. measured], VerdictPolicy.Default);

        Assert.Equal(Verdict.NoChange, verdict.Overall);
        Assert.Equal(N, Metric(verdict, MetricCatalog.Ttfb).A.N);
        Assert.Equal(N, Metric(verdict, MetricCatalog.Ttfb).B.N);
        Assert.Empty(verdict.Notes);
    }

    [Fact]
    public void Analyze_CpuTimeAlsoMoved_AddsANote()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 8, shiftB: new() { ["config_validation"] = 400 }, cpuFactorB: 1.5);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.Regression, Metric(verdict, MetricCatalog.CpuTime).Verdict);
        Assert.Contains(verdict.Notes, n => n.StartsWith("cpu_time also shows regression: +", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_NoSuccessfulTrials_IsInconclusiveWithTtfbFirst()
    {
        var experiment = Trials.AbExperiment(trials: 3, warmup: 0);
        var trials = Enumerable.Range(0, 6)
            .Select(i => new TrialRecord(experiment.Id, i, i % 2 == 0 ? "A" : "B", false, Trials.Failed("no first_batch", FailureKind.NoFirstBatch)))
            .ToList();

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(Verdict.Inconclusive, verdict.Overall);
        Assert.Equal(MetricCatalog.Ttfb, Assert.Single(verdict.Metrics).Name);
        Assert.Equal(2, verdict.Notes.Count);
    }

    [Fact]
    public void Analyze_SameInputs_GivesTheSameVerdict()
    {
        var experiment = Trials.AbExperiment(trials: N, warmup: 0);
        var trials = Build(experiment, seed: 9, shiftB: new() { ["imports"] = 40 });

        var first = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);
        var second = ExperimentAnalyzer.Analyze(experiment, trials, VerdictPolicy.Default);

        Assert.Equal(first.Metrics.Select(m => (m.Verdict, m.CiPct[0], m.CiPct[1])), second.Metrics.Select(m => (m.Verdict, m.CiPct[0], m.CiPct[1])));
    }

    [Fact]
    public void Analyze_NotTwoVariants_Throws()
    {
        var experiment = Trials.AbExperiment(kind: ExperimentKind.Run);

        Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze(experiment, [], VerdictPolicy.Default));
    }

    private static MetricComparison Metric(ExperimentVerdict verdict, string name) => Assert.Single(verdict.Metrics, m => m.Name == name);

    /// <summary>Interleaved measured trials: each phase gets 2% log-normal noise; B's phases are shifted by <paramref name="shiftB"/> ms.</summary>
    private static List<TrialRecord> Build(
        Experiment experiment, int seed, Dictionary<string, double> shiftB, double cpuFactorB = 1.0, int firstSequence = 0)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>();
        for (var i = 0; i < experiment.TrialsPerVariant; i++)
        {
            foreach (var label in new[] { "A", "B" })
            {
                var phases = Baseline.Select(p =>
                {
                    var ms = p.Value + (label == "B" ? shiftB.GetValueOrDefault(p.Key) : 0);
                    return (p.Key, ms * Math.Exp(0.02 * Samples.StandardNormal(random)));
                }).ToList();
                var cpu = phases.Sum(p => p.Item2) * (label == "B" ? cpuFactorB : 1.0) * Math.Exp(0.02 * Samples.StandardNormal(random));
                trials.Add(new TrialRecord(experiment.Id, firstSequence + trials.Count, label, false, Trials.Succeeded(phases, cpu)));
            }
        }

        return trials;
    }
}
