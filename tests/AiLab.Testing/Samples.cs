using AiLab.Core.Metrics;
using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Stats.Sequential;

namespace AiLab.Testing;

/// <summary>Hand-built experiments, verdicts and trials with every member set to something other than its
/// default.</summary>
/// <remarks>The seeded noise lives in the other part of this class (Samples.Noise.cs).</remarks>
public static partial class Samples
{
    /// <summary>An A/B experiment with id <paramref name="id"/>.</summary>
    public static Experiment Experiment(string id, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Kind = ExperimentKind.AB,
        CreatedAt = createdAt ?? new DateTimeOffset(2026, 11, 23, 9, 15, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        Workflow = new WorkflowSpec
        {
            Name = "mnist",
            Run = "python train.py --epochs 1",
            Build = "pip install -e .",
            WorkingDirectory = "examples/mnist",
            Environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["PYTHONHASHSEED"] = "0" },
            Timeout = TimeSpan.FromSeconds(93.5),
            FirstBatchPattern = @"^step \d+",
            ExpectedPhases = ["imports", "config_validation"],
            AutoInstrument = AutoInstrument.Torch,
            Trials = 12,
            Warmup = 2,
        },
        RepositoryPath = "/src/repo",
        WorkingDirectory = "/src/repo/examples",
        Variants =
        [
            new Variant("A", "HEAD~1", new Dictionary<string, string>()),
            new Variant("B", "HEAD", new Dictionary<string, string> { ["TORCH_LAZY"] = "1" }),
        ],
        Commits = new Dictionary<string, string> { ["A"] = new string('a', 40), ["B"] = new string('b', 40) },
        TrialsPerVariant = 12,
        WarmupPerVariant = 2,
        Seed = 42,
        Pinning = new CpuPinning([1], "auto", "the cores differ by 30% in speed: pinned to CPU 1"),
        Extension = new ExtensionPlan
        {
            Alpha = 0.01, Looks = [12, 24, 36], NominalAlphas = [0.0045, 0.0039, 0.0037], Spending = SpendingFunction.Pocock,
            Extensions = ["extended from 12 to 24"],
        },
    };

    /// <summary>A regression verdict with one full and one inconclusive metric.</summary>
    public static ExperimentVerdict Verdict() => new()
    {
        Overall = AiLab.Core.Verdicts.Verdict.Regression,
        PrimaryMetric = "ttfb",
        Cause = "phase:config_validation",
        Metrics =
        [
            new MetricComparison
            {
                Name = "ttfb",
                Unit = MetricUnit.Milliseconds,
                A = new SampleSummary(12, 1870.2, 1874.0, 12.5, 1850.1, 1900.9),
                B = new SampleSummary(12, 2021.7, 2025.3, 14.25, 1999.0, 2060.5),
                ChangePct = 8.1,
                CiPct = [6.0, 10.2],
                Diff = 151.5,
                CiDiff = [110.0, 190.25],
                PValue = 0.0001,
                MannWhitneyP = 0.00025,
                Verdict = AiLab.Core.Verdicts.Verdict.Regression,
                Reason = "p < 0.01 and the interval excludes the 2% threshold",
            },
            new MetricComparison
            {
                Name = "phase:imports",
                Unit = MetricUnit.Milliseconds,
                A = new SampleSummary(1, 10, 10, 0, 10, 10),
                B = new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
                Verdict = AiLab.Core.Verdicts.Verdict.Inconclusive,
                Reason = "too few trials",
            },
        ],
        Notes = ["1 trial of B failed", "cpu_time moved too"],
    };

    /// <summary>A trial that succeeded or failed with <paramref name="failure"/>, numbered <paramref
    /// name="index"/>.</summary>
    public static TrialResult Trial(FailureKind failure, int index)
    {
        var started = new DateTimeOffset(2026, 11, 23, 9, 16, 0, TimeSpan.Zero).AddSeconds(index).AddTicks(17);
        return failure == FailureKind.None
            ? new TrialResult
            {
                Status = TrialStatus.Succeeded,
                StartedAt = started,
                ExitCode = 0,
                WallMs = 2500.25 + index,
                TtfbMs = 1870.5 + index,
                Marks = [new Mark("imports", 1300.125, Stamped: true), new Mark("first_batch", 1870.5 + index), new Mark("done", 2400)],
                Phases = [new Phase("imports", 1300.125), new Phase("first_batch", 570.375 + index)],
                Resources = new ResourceUsage(2100.5, 310.25, 512L * 1024 * 1024 + index),
                LogPath = $"/logs/{index}.log",
                EventsPath = $"/logs/{index}.events",
                Warnings = ["line 3 of the events file is not JSON"],
                Machine = new MachineState
                {
                    OtherCpuCores = 0.25 + index, OtherCpuCoresOnPinned = 0.125, StealPct = 1.5, LoadAverage1 = 2.25,
                    CpuMhz = 2400.5, Governor = "performance", MemAvailableMiB = 20480.5, MemoryPressurePct = 0.75,
                },
            }
            : new TrialResult
            {
                Status = TrialStatus.Failed,
                Failure = failure,
                Reason = $"failed: {failure}",
                ExitCode = failure == FailureKind.NonZeroExit ? 3 : null,
                Signal = failure is FailureKind.Signaled or FailureKind.TimedOut ? 9 : null,
                StartedAt = started,
                WallMs = 100 + index,
                Resources = failure == FailureKind.SpawnFailed ? ResourceUsage.None : new ResourceUsage(50, 5, 1024),
                LogPath = failure == FailureKind.BuildFailed ? null : $"/logs/{index}.log",
            };
    }
}
