using AiLab.Core.Calibrations;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Calibrations;
using AiLab.Lab.Tests.Support;
using AiLab.Stats.Calibration;
using AiLab.Storage;

namespace AiLab.Lab.Tests.Calibrations;

public sealed class CalibratedVerdictTests : IDisposable
{
    private const int N = 10;
    private readonly TempDirectory _home = new();
    private readonly LabStores _stores;

    public CalibratedVerdictTests() => _stores = StoreFactory.Open(Path.Combine(_home.Path, "ailab.db"));

    private ICalibrationStore Store => _stores.Calibrations;

    public void Dispose()
    {
        _stores.Dispose();
        _home.Dispose();
    }

    [Fact]
    public void Apply_TenPercentShift_IsARegressionDecidedByTheCalibratedThreshold()
    {
        var applied = Applied(Pool(0.02));
        var random = new Random(3);
        var a = Samples.LogNormal(random, N, 1000, 0.02);
        var b = Samples.LogNormal(random, N, 1100, 0.02);

        var (comparison, basis) = Decide(a, b, applied);

        Assert.Equal(Verdict.Regression, comparison.Verdict);
        Assert.StartsWith("calibrated ", comparison.Reason, StringComparison.Ordinal);
        Assert.Equal("cal-test", basis.CalibrationId);
        Assert.Equal(applied.Selection.Threshold, basis.Threshold);
        Assert.True(Math.Abs(basis.Statistic) > basis.Threshold);
        Assert.Contains("budget 1 per 1000", basis.ThresholdSource, StringComparison.Ordinal);
        Assert.Equal((N, N), (basis.TrialsA, basis.TrialsB));
    }

    [Fact]
    public void Apply_SameDistribution_IsNoChangeWithTheStatisticInsideTheThreshold()
    {
        var applied = Applied(Pool(0.02));
        var random = new Random(5);

        var (comparison, basis) = Decide(Samples.LogNormal(random, N, 1000, 0.02), Samples.LogNormal(random, N, 1000, 0.02), applied);

        Assert.Equal(Verdict.NoChange, comparison.Verdict);
        Assert.True(Math.Abs(basis.Statistic) <= basis.Threshold);
    }

    [Fact]
    public void Apply_ExperimentFarNoisierThanTheCalibration_SetsTheCalibrationAsideAndSaysSo()
    {
        var applied = Applied(Pool(0.02));
        var random = new Random(8);

        var (_, basis) = Decide(Samples.LogNormal(random, N, 1000, 0.2), Samples.LogNormal(random, N, 1000, 0.2), applied);

        Assert.Null(basis.CalibrationId);
        Assert.Contains("noise changed", basis.CalibrationNote, StringComparison.Ordinal);
        Assert.StartsWith("defaults:", basis.ThresholdSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_AutoWithoutCalibration_UsesDefaultsAndSaysHowToCalibrate()
    {
        var (applied, note) = await CalibrationResolver.ResolveAsync(Store, Experiment(), "auto", DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge);

        Assert.Null(applied);
        Assert.Contains("ailab calibrate", note, StringComparison.Ordinal);
        Assert.Equal((null, null), await CalibrationResolver.ResolveAsync(Store, Experiment(), "none", DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge));
    }

    [Fact]
    public async Task Resolve_FreshCalibrationForOtherTrialCount_RefitsTheThresholdFromThePool()
    {
        var experiment = Experiment();
        Store.Add(Stored(experiment.Workflow, DateTimeOffset.UtcNow, MachineFingerprint.Current(null), perSide: 6));

        var (applied, note) = await CalibrationResolver.ResolveAsync(Store, experiment, "auto", DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge);

        Assert.Null(note);
        Assert.NotNull(applied);
        Assert.Equal(experiment.TrialsPerVariant, applied.Selection.PerSide);
    }

    [Fact]
    public async Task Resolve_OldOrForeignCalibration_IsStaleWithTheReason()
    {
        var experiment = Experiment();
        Store.Add(Stored(experiment.Workflow, DateTimeOffset.UtcNow.AddDays(-40), MachineFingerprint.Current(null), perSide: N));
        var (applied, note) = await CalibrationResolver.ResolveAsync(Store, experiment, "auto", DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge);
        Assert.Null(applied);
        Assert.Contains("40 days old", note, StringComparison.Ordinal);

        Store.Add(Stored(experiment.Workflow, DateTimeOffset.UtcNow, MachineFingerprint.Current(null) with { Host = "elsewhere" }, perSide: N));
        (applied, note) = await CalibrationResolver.ResolveAsync(Store, experiment, "auto", DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge);
        Assert.Null(applied);
        Assert.Contains("measured elsewhere: on host elsewhere, this is ", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_CalibrationOfAnotherWorkflow_IsRefused()
    {
        var other = Stored(new WorkflowSpec { Name = "other", Run = "python3 other.py" }, DateTimeOffset.UtcNow, MachineFingerprint.Current(null), perSide: N);
        Store.Add(other);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => CalibrationResolver.ResolveAsync(Store, Experiment(), other.Id, DateTimeOffset.UtcNow, CalibrationFreshness.DefaultMaxAge));

        Assert.Contains("another workflow", e.Message, StringComparison.Ordinal);
    }

    private static (MetricComparison, DecisionBasis) Decide(double[] a, double[] b, AppliedCalibration applied)
    {
        var comparison = MetricComparer.Compare("ttfb", a, b, VerdictPolicy.Default, 1);
        return CalibratedRule.Apply(comparison, a, b, VerdictPolicy.Default, applied);
    }

    private static double[] Pool(double sigma) => Samples.LogNormal(new Random(1), 200, 1000, sigma);

    private static AppliedCalibration Applied(double[] pool) => new()
    {
        CalibrationId = "cal-test",
        Budget = "1 per 1000",
        Selection = ThresholdSelector.Select(pool, N, 0.001, ThresholdSelectorOptions.Default with { Seed = 2 }),
        LogMadSd = NoiseProfiler.Compute(pool, N).LogMadSd,
    };

    private Core.Experiments.Experiment Experiment() => Trials.AbExperiment(trials: N, workingDirectory: _home.Path);

    private static Calibration Stored(WorkflowSpec workflow, DateTimeOffset at, MachineFingerprint machine, int perSide)
    {
        var pool = Pool(0.02);
        return new Calibration
        {
            Id = $"cal-{Guid.NewGuid():N}",
            WorkflowKey = WorkflowKeys.Of(workflow, null),
            Workflow = workflow,
            CreatedAt = at,
            Machine = machine,
            ExperimentIds = ["ab-1"],
            TrialsPerVariant = perSide,
            Budget = "1 per 1000",
            BudgetRate = 0.001,
            DefaultFalseAlarms = 0,
            Metrics =
            [
                new MetricCalibration
                {
                    Name = "ttfb", Pool = pool, Profile = NoiseProfiler.Compute(pool, perSide),
                    Threshold = ThresholdSelector.Select(pool, perSide, 0.001),
                },
            ],
        };
    }
}
