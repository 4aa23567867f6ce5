using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;

namespace AiLab.Bench.Storage;

/// <summary>The experiments and trials store-load stores: A/B experiments of 20 measured trials with a verdict over
/// TTFB and six phases, as the lab writes them, so the dashboard draws every one.</summary>
internal static class LoadSamples
{
    /// <summary>Measured trials per experiment (10 per variant).</summary>
    public const int TrialsPerExperiment = 20;

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Phases =
        ["process_start", "imports", "config_validation", "preprocessing", "model_build", "first_batch"];

    /// <summary>The name of workflow <paramref name="index"/>.</summary>
    public static string WorkflowName(int index) => string.Create(CultureInfo.InvariantCulture, $"wf-{index:D4}");

    /// <summary>Experiment <paramref name="index"/> of workflow <paramref name="workflow"/>, created
    /// <paramref name="index"/> minutes after the first.</summary>
    public static Experiment Experiment(string id, int index, int workflow) => new()
    {
        Id = id,
        Kind = ExperimentKind.AB,
        CreatedAt = T0.AddMinutes(index),
        Workflow = new WorkflowSpec { Name = WorkflowName(workflow), Run = "python3 train.py" },
        RepositoryPath = "/srv/repo",
        WorkingDirectory = "/srv/repo",
        Variants = [new Variant("A", "main~1", new Dictionary<string, string>()),
            new Variant("B", "main", new Dictionary<string, string>())],
        Commits = new Dictionary<string, string>
        {
            ["A"] = string.Create(CultureInfo.InvariantCulture, $"{index:x8}a0000000000000000000000000000000"),
            ["B"] = string.Create(CultureInfo.InvariantCulture, $"{index:x8}b0000000000000000000000000000000"),
        },
        TrialsPerVariant = TrialsPerExperiment / 2,
        WarmupPerVariant = 0,
        Seed = index,
        Status = ExperimentStatus.Completed,
        Verdict = Verdict(index),
    };

    /// <summary>The 20 trials of experiment <paramref name="experimentId"/>.</summary>
    public static List<TrialRecord> Trials(string experimentId, Random random)
    {
        var trials = new List<TrialRecord>(TrialsPerExperiment);
        for (var s = 0; s < TrialsPerExperiment; s++)
        {
            var phases = Phases.Select(p => new Phase(p, 100 + (random.NextDouble() * 300))).ToList();
            var ttfb = phases.Sum(p => p.DurationMs);
            trials.Add(new TrialRecord(experimentId, s, s % 2 == 0 ? "A" : "B", false, new TrialResult
            {
                Status = TrialStatus.Succeeded,
                StartedAt = T0.AddSeconds(s * 3),
                ExitCode = 0,
                WallMs = ttfb + 600,
                TtfbMs = ttfb,
                Marks = [.. phases.Select((p, i) => new Mark(p.Name, phases.Take(i + 1).Sum(q => q.DurationMs)))],
                Phases = phases,
                Resources = new ResourceUsage(2100, 300, 512L * 1024 * 1024),
            }));
        }

        return trials;
    }

    private static ExperimentVerdict Verdict(int index)
    {
        // One experiment in 25 is a regression, so the home page's change table has rows too.
        var overall = index % 25 == 7 ? AiLab.Core.Verdicts.Verdict.Regression : AiLab.Core.Verdicts.Verdict.NoChange;
        var metrics = new List<MetricComparison> { Metric("ttfb", 1800, overall) };
        metrics.AddRange(Phases.Select(p => Metric("phase:" + p, 300, AiLab.Core.Verdicts.Verdict.NoChange)));
        return new ExperimentVerdict { Overall = overall, PrimaryMetric = "ttfb", Metrics = metrics };
    }

    private static MetricComparison Metric(string name, double median, Verdict verdict) => new()
    {
        Name = name,
        Unit = AiLab.Core.Metrics.MetricUnit.Milliseconds,
        A = new SampleSummary(10, median, median + 1, median / 50, median * 0.95, median * 1.05),
        B = new SampleSummary(10, median * 1.01, median * 1.01 + 1, median / 50, median * 0.96, median * 1.06),
        ChangePct = 1,
        CiPct = [-0.5, 2.5],
        Diff = median / 100,
        CiDiff = [-median / 200, median / 40],
        PValue = 0.2,
        Verdict = verdict,
        Reason = "the interval includes the threshold",
    };
}
