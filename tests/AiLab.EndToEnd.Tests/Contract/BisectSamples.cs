using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Execution.Git;
using AiLab.Lab.Bisection;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>A bisection with fixed numbers for the golden files: two culprits (one a phase with two effects), a
/// skipped commit, an unresolved range, a confirmed range comparison and notes.</summary>
internal static class BisectSamples
{
    public const string Good = "1111111111111111111111111111111111111111";
    public const string Bad = "9999999999999999999999999999999999999999";
    public const string First = "3333333333333333333333333333333333333333";
    public const string Second = "6666666666666666666666666666666666666666";

    public static BisectResult Result() => new()
    {
        Good = Good,
        Bad = Bad,
        Metric = "ttfb",
        Commits = 8,
        Status = BisectStatus.Completed,
        RangeComparison = Comparison(Good, Bad, "ab-20261123-101500-aaaa", 12, Confirmed()),
        RangeVerdict = Verdict.Regression,
        Targets = ["ttfb", "phase:config_validation"],
        Culprits =
        [
            new Culprit
            {
                Commit = First,
                Position = 3,
                Info = new CommitInfo(First, "Ada Lovelace", "ada@example.org",
                    new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)), "Validate the config eagerly"),
                DiffStat = new DiffStat(2, 14, 3, ["train.py", "config.py"]),
                Metric = "ttfb",
                Main = new CulpritEffect("phase:config_validation",
                    Metric("phase:config_validation", 40.25, 160.41, 298.53, [270.04, 330.9], 120.16, [108.7, 131.05],
                        3.2e-6, Verdict.Regression),
                    "2222222222222222222222222222222222222222", "ab-20261123-101600-bbbb"),
                Effects =
                [
                    new CulpritEffect("phase:config_validation",
                        Metric("phase:config_validation", 40.25, 160.41, 298.53, [270.04, 330.9], 120.16, [108.7,
                            131.05], 3.2e-6, Verdict.Regression),
                        "2222222222222222222222222222222222222222", "ab-20261123-101600-bbbb"),
                    new CulpritEffect("phase:imports",
                        Metric("phase:imports", 1302.12, 1330.5, 2.1795, [1.2, 3.25], 28.38, [15.5, 41.0], 0.00071,
                            Verdict.Regression),
                        "2222222222222222222222222222222222222222", "ab-20261123-101600-bbbb"),
                ],
                MetricComparison = Metric("ttfb", 1725.31, 1851.04, 7.2874, [5.9, 8.61], 125.73, [101.2, 148.35],
                    1.1e-5, Verdict.Regression),
            },
            new Culprit
            {
                Commit = Second,
                Position = 6,
                Info = new CommitInfo(Second, "Grace Hopper", "grace@example.org",
                    new DateTimeOffset(2026, 11, 21, 17, 5, 12, TimeSpan.Zero), "Load the tokenizer lazily"),
                Metric = "ttfb",
                Main = new CulpritEffect("ttfb",
                    Metric("ttfb", 1851.04, 1790.5, -3.2706, [-4.4, -2.05], -60.54, [-81.3, -37.9], 0.00019,
                        Verdict.Improvement),
                    "5555555555555555555555555555555555555555", null),
                Effects = [],
            },
        ],
        Skipped = [new SkippedCommit("4444444444444444444444444444444444444444", 4, "the build failed: exit code 2",
            "ab-20261123-101700-cccc")],
        Unresolved =
        [
            new UnresolvedRange("phase:preprocessing", "6666666666666666666666666666666666666666", Bad,
                ["7777777777777777777777777777777777777777", "8888888888888888888888888888888888888888"],
                "still inconclusive at 32 trials per variant"),
        ],
        Comparisons =
        [
            Comparison(Good, Bad, "ab-20261123-101500-aaaa", 12, Confirmed()),
            Comparison("2222222222222222222222222222222222222222", First, "ab-20261123-101600-bbbb", 12, null),
            Comparison("3333333333333333333333333333333333333333", "4444444444444444444444444444444444444444",
                "ab-20261123-101700-cccc", 12, null) with
            {
                Failure = ComparisonFailure.Candidate, Reason = "the build failed: exit code 2", TrialsRun = 0,
                    Verdict = null,
            },
        ],
        Elapsed = TimeSpan.FromSeconds(754.4),
        Notes = ["phase:preprocessing stayed inconclusive; it was not searched further"],
    };

    public static RevisionComparison Comparison(string baseCommit, string candidate, string experimentId, int trials,
        ConfirmationResult? confirmation) => new()
    {
        BaseCommit = baseCommit,
        CandidateCommit = candidate,
        TrialsPerVariant = trials,
        ExperimentId = experimentId,
        TrialsRun = 2 * trials,
        Verdict = new ExperimentVerdict
        {
            Overall = Verdict.Regression,
            PrimaryMetric = "ttfb",
            Cause = "phase:config_validation",
            Metrics =
            [
                Metric("ttfb", 1725.31, 1851.04, 7.2874, [5.9, 8.61], 125.73, [101.2, 148.35], 1.1e-5,
                    Verdict.Regression),
                Metric("phase:config_validation", 40.25, 160.41, 298.53, [270.04, 330.9], 120.16, [108.7, 131.05],
                    3.2e-6, Verdict.Regression),
                Metric("phase:imports", 1302.12, 1304.95, 0.2173, [-0.8, 1.3], 2.83, [-10.4, 16.9], 0.6123,
                    Verdict.NoChange),
            ],
            Basis = new DecisionBasis
            {
                Test = DecisionTest.WelchLogT, Statistic = 5.125, Threshold = 2.878, PValue = 1.1e-5,
                    ThresholdSource = "defaults",
                TrialsA = trials, TrialsB = trials,
            },
            Confirmation = confirmation,
        },
    };

    public static ConfirmationResult Confirmed() => new()
    {
        ExperimentId = "ab-20261123-101530-dddd",
        Confirmed = true,
        Original = Verdict.Regression,
        Confirming = Verdict.Regression,
        ChangePct = 6.95,
        CiPct = [5.5, 8.25],
        Reason = "fresh trials reproduced the regression: +7.0% CI [+5.5%, +8.3%] against +7.3% CI [+5.9%, +8.6%]",
    };

    public static MetricComparison Metric(string name, double a, double b, double changePct, double[] ciPct,
        double diff, double[] ciDiff, double p, Verdict verdict) => new()
    {
        Name = name,
        Unit = MetricUnit.Milliseconds,
        A = new SampleSummary(12, a, a + 3.1, 20.15, a - 24.1, a + 45.05),
        B = new SampleSummary(12, b, b - 1.8, 18.3, b - 30.1, b + 29.1),
        ChangePct = changePct,
        CiPct = ciPct,
        Diff = diff,
        CiDiff = ciDiff,
        PValue = p,
        MannWhitneyP = p * 2,
        Verdict = verdict,
        Reason = FormattableString.Invariant($"Welch t-test on log values p={p:G3}"),
    };
}
