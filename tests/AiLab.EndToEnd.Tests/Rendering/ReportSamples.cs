using AiLab.Core.Metrics;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;

namespace AiLab.EndToEnd.Tests.Rendering;

/// <summary>Experiments with fixed numbers for the golden files: every cell kind the report has (large and small
/// values, MiB, p-values in both notations, undefined numbers, a failed trial, notes).</summary>
internal static class ReportSamples
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    public static (Experiment Experiment, IReadOnlyList<TrialRecord> Trials) Comparison()
    {
        const string id = "ab-20261123-101500-3f2a";
        var experiment = new Experiment
        {
            Id = id,
            Kind = ExperimentKind.AB,
            CreatedAt = Created,
            Workflow = new WorkflowSpec { Name = "pytorch-train", Run = "/usr/bin/python3 train.py --epochs 1" },
            RepositoryPath = "/home/me/launcher",
            Variants = [Variant.Parse("A", "HEAD~1"), Variant.Parse("B", "HEAD,TORCH_LAZY=1")],
            Commits = new Dictionary<string, string>
            {
                ["A"] = "0123456789abcdef0123456789abcdef01234567",
                ["B"] = "fedcba9876543210fedcba9876543210fedcba98",
            },
            TrialsPerVariant = 10,
            WarmupPerVariant = 1,
            Seed = 1234,
            Status = ExperimentStatus.Completed,
            Verdict = new ExperimentVerdict
            {
                Overall = Verdict.Regression,
                PrimaryMetric = "ttfb",
                Cause = "phase:config_validation",
                Metrics =
                [
                    Metric("ttfb", "ms", 1725.31, 1851.04, 7.2874, [5.9, 8.61], 125.73, [101.2, 148.35], 1.1e-5, Verdict.Regression,
                        "Welch t-test on log values p=1.1e-5 < 0.01, Mann–Whitney p=0.0002, median change 7.29% CI [5.9%, 8.61%] excludes 0 and exceeds the minimum effect (1%)"),
                    Metric("phase:imports", "ms", 1302.12, 1304.95, 0.2173, [-0.8, 1.3], 2.83, [-10.4, 16.9], 0.6123, Verdict.NoChange, "Welch t-test on log values p=0.6123 >= 0.01; CI [-0.8%, 1.3%] lies within ±5%"),
                    Metric("phase:config_validation", "ms", 40.25, 160.41, 298.53, [270.04, 330.9], 120.16, [108.7, 131.05], 3.2e-6, Verdict.Regression, "Welch t-test on log values p=3.2e-6 < 0.01"),
                    Metric("phase:first_batch", "ms", 82.0, 81.46, -0.6585, [-3.1, 1.75], -0.54, [-2.5, 1.4], 0.04321, Verdict.NoChange, "below the minimum effect"),
                    new MetricComparison
                    {
                        Name = "phase:model_build", Unit = MetricUnit.Milliseconds,
                        A = new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
                        B = new SampleSummary(9, 3.5, 3.6, 0.2, 3.3, 4.1),
                        ChangePct = double.NaN, Diff = double.NaN,
                        Verdict = Verdict.Inconclusive, Reason = "too few successful trials (A: 0, B: 9; need 3 each)",
                    },
                    Metric("cpu_time", "ms", 2210.5, 2208.0, -0.1131, [-1.0, 0.9], -2.5, [-22.0, 19.5], 0.9, Verdict.NoChange, "not significant"),
                    Metric("peak_rss", "MiB", 512.25, 530.5, 3.5627, [2.1, 5.05], 18.25, [10.75, 25.9], 0.00042, Verdict.Regression, "Welch t-test on log values p=0.0004 < 0.01"),
                ],
                Notes = ["B: 1 of 10 trials failed and were left out: exited with code 1 (log: /var/ailab/trials/ab-20261123-101500-3f2a/0007-B.log)", "peak_rss also shows regression: +3.6%"],
            },
        };

        var trials = new List<TrialRecord>
        {
            new(id, 0, "A", true, Succeeded(1790.2, 1350.0, 41.0, 83.1, 2400, 500)),
            new(id, 1, "B", true, Succeeded(1900.7, 1360.4, 159.0, 81.0, 2390, 530)),
        };
        for (var seq = 2; seq < 22; seq++)
        {
            var variant = seq % 2 == 0 ? "A" : "B";
            trials.Add(new TrialRecord(id, seq, variant, false, seq == 7
                ? Failed("exited with code 1 (log: /var/ailab/trials/ab-20261123-101500-3f2a/0007-B.log)")
                : Succeeded(1700 + seq, 1300 + seq, 40 + seq, 82, 2200, 512)));
        }

        return (experiment, trials);
    }

    /// <summary>The comparison above as the phase-decomposed rule reports it when import noise leaves TTFB alone
    /// inconclusive and config validation's exact shift decides.</summary>
    public static (Experiment Experiment, IReadOnlyList<TrialRecord> Trials) PhaseDecided()
    {
        var (experiment, trials) = Comparison();
        var verdict = experiment.Verdict!;
        var metrics = verdict.Metrics.Select(m => m.Name == "ttfb"
            ? m with
            {
                CiPct = [-0.4, 15.2], PValue = 0.041, Verdict = Verdict.Inconclusive,
                Reason = "Welch t-test on log values p=0.041 is not significant, but CI [-0.4%, 15.2%] cannot rule out a change of ±5%; add trials",
            }
            : m).ToList();
        var basis = new DecisionBasis
        {
            Test = DecisionTest.WelchLogT, PValue = 0.041, TrialsA = 10, TrialsB = 9,
            ThresholdSource = "defaults: α = 0.01 per metric on Welch's t-test (log values), Mann–Whitney must agree, minimum effect 1% or 50 ms, equivalence margin ±5%",
            DecidedBy = "phase:config_validation", FamilySize = 5, FamilyAlpha = 0.01, TtfbChangePct = 6.96, TtfbCiPct = [6.3, 7.6],
            Summary = "decided by phase:config_validation +120.2 ms [+108.7, +131.1] = +7.0% of TTFB [+6.3%, +7.6%] (Holm-adjusted p=1.6e-5 ≤ 0.01, family of 5); TTFB alone inconclusive because phase:imports noise sd 9.1% of TTFB",
        };
        return (experiment with { Verdict = verdict with { Metrics = metrics, Basis = basis } }, trials);
    }

    public static (Experiment Experiment, IReadOnlyList<TrialRecord> Trials) Run()
    {
        const string id = "run-20261123-101500-0b1c";
        var experiment = new Experiment
        {
            Id = id,
            Kind = ExperimentKind.Run,
            CreatedAt = Created,
            Workflow = new WorkflowSpec { Name = "adhoc", Run = "/usr/bin/python3 train.py" },
            WorkingDirectory = "/home/me/launcher",
            Variants = [new Variant("A", null, new Dictionary<string, string>())],
            TrialsPerVariant = 4,
            WarmupPerVariant = 1,
            Seed = 99,
            Status = ExperimentStatus.Completed,
        };
        var trials = new List<TrialRecord>
        {
            new(id, 0, "A", true, Succeeded(2500.0, 1900.0, 300.0, 90.0, 3000, 600)),
            new(id, 1, "A", false, Succeeded(1802.5, 1300.25, 420.0, 82.25, 2250.5, 512)),
            new(id, 2, "A", false, Succeeded(1790.0, 1299.0, 411.0, 80.0, 2240.0, 516)),
            new(id, 3, "A", false, Failed("timed out after 10m; the process group was killed")),
            new(id, 4, "A", false, Succeeded(1811.0, 1310.5, 417.5, 83.0, 2261.25, 520.5)),
        };
        return (experiment, trials);
    }

    private static MetricComparison Metric(string name, string unit, double a, double b, double changePct, double[] ciPct,
        double diff, double[] ciDiff, double p, Verdict verdict, string reason) => new()
    {
        Name = name,
        Unit = MetricUnit.Parse(unit) ?? throw new ArgumentException(unit),
        A = new SampleSummary(10, a, a + 3.1, 20.15, a - 24.1, a + 45.05),
        B = new SampleSummary(9, b, b - 1.8, 18.3, b - 30.1, b + 29.1),
        ChangePct = changePct,
        CiPct = ciPct,
        Diff = diff,
        CiDiff = ciDiff,
        PValue = p,
        MannWhitneyP = p * 2,
        Verdict = verdict,
        Reason = reason,
    };

    /// <summary>A trial whose phases are imports, config_validation and first_batch (the rest of TTFB).</summary>
    private static TrialResult Succeeded(double ttfb, double imports, double config, double firstBatch, double cpuMs, double rssMiB) => new()
    {
        Status = TrialStatus.Succeeded,
        StartedAt = Created,
        TtfbMs = ttfb,
        WallMs = ttfb + 250,
        Phases = [new Phase("imports", imports), new Phase("config_validation", config), new Phase("first_batch", firstBatch)],
        Resources = new ResourceUsage(cpuMs * 0.8, cpuMs * 0.2, (long)(rssMiB * 1024 * 1024)),
    };

    private static TrialResult Failed(string reason) => new()
    {
        Status = TrialStatus.Failed,
        Failure = FailureKind.NonZeroExit,
        Reason = reason,
        StartedAt = Created,
        ExitCode = 1,
    };
}
