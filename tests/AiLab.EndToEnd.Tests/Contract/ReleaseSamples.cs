using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Release;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>A release comparison with fixed numbers: a confirmed and bisected regression, an unchanged workflow and
/// one that failed to build.</summary>
internal static class ReleaseSamples
{
    public static ReleaseResult Result() => new()
    {
        From = "v1.4",
        To = "v1.5",
        Commits = 8,
        Metric = "ttfb",
        Elapsed = TimeSpan.FromSeconds(1830.25),
        Workflows =
        [
            new WorkflowRelease
            {
                Workflow = new WorkflowSpec { Name = "pytorch-train", Run = "/usr/bin/python3 train.py" },
                Comparison = BisectSamples.Comparison(BisectSamples.Good, BisectSamples.Bad,
                    "ab-20261123-101500-aaaa", 12,
                    BisectSamples.Confirmed()),
                Verdict = Verdict.Regression,
                PhasesMoved =
                [
                    BisectSamples.Metric("phase:config_validation", 40.25, 160.41, 298.53, [270.04, 330.9], 120.16,
                        [108.7, 131.05], 3.2e-6, Verdict.Regression),
                ],
                Experiments = 2,
                Trials = 48,
                Bisection = BisectSamples.Result(),
            },
            new WorkflowRelease
            {
                Workflow = new WorkflowSpec { Name = "mlnet-train", Run = "dotnet run --project examples/mlnet-train" },
                Comparison = BisectSamples.Comparison(BisectSamples.Good, BisectSamples.Bad,
                    "ab-20261123-103000-eeee", 10, null)
                    with { Verdict = NoChange() },
                Verdict = Verdict.NoChange,
                Experiments = 1,
                Trials = 20,
            },
            new WorkflowRelease
            {
                Workflow = new WorkflowSpec { Name = "tokenizer", Run = "python3 tok.py", Build = "make" },
                Verdict = Verdict.Inconclusive,
                Failure = "the build of v1.5 failed: exit code 2 (log: /var/ailab/builds/tokenizer/build.log)",
            },
        ],
    };

    private static ExperimentVerdict NoChange() => new()
    {
        Overall = Verdict.NoChange,
        PrimaryMetric = "ttfb",
        Metrics =
        [
            BisectSamples.Metric("ttfb", 905.5, 907.25, 0.1933, [-0.9, 1.2], 1.75, [-8.1, 10.9], 0.7125,
                Verdict.NoChange),
        ],
    };
}
