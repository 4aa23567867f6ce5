using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab.Calibrations;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;
using AiLab.Storage;
using AiLab.Storage.Sqlite;

namespace AiLab.Lab.Tests.Calibrations;

public sealed class CalibratorTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly SqliteExperimentStore _store;
    private readonly LabStores _stores;
    private readonly LabPaths _paths;

    public CalibratorTests()
    {
        _paths = new LabPaths(_home.Path);
        _store = new SqliteExperimentStore(_paths.Database);
        _stores = StoreFactory.Open(_paths.Database);
    }

    private ICalibrationStore Calibrations => _stores.Calibrations;

    public void Dispose()
    {
        _stores.Dispose();
        _store.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task RunAsync_AaExperiments_PoolsTheirTrialsAndStoresTheThresholdForTheWorkflow()
    {
        var plan = Plan();
        var calibrator = new Calibrator(new ExperimentRunner(_store, new FakeTrialExecutor(_store, "-"), new FakeVariantPreparer(), _paths), _store, Calibrations, TimeProvider.System);

        var outcome = await calibrator.RunAsync(plan, null, CancellationToken.None);

        var calibration = Assert.IsType<Calibration>(outcome.Calibration);
        Assert.Null(outcome.Failure);
        Assert.Equal(2, calibration.ExperimentIds.Count);
        // Every A/A experiment is a stored experiment with the same variant on both sides.
        foreach (var id in calibration.ExperimentIds)
        {
            var experiment = _store.Find(id)!;
            Assert.Equal(ExperimentStatus.Completed, experiment.Status);
            Assert.Equal(experiment.Variants[0].Environment, experiment.Variants[1].Environment);
        }

        var ttfb = calibration.Metrics.Single(m => m.Name == "ttfb");
        Assert.Equal(2 * 2 * plan.TrialsPerVariant, ttfb.Pool.Count);
        Assert.NotNull(ttfb.Threshold);
        Assert.Equal(plan.TrialsPerVariant, ttfb.Threshold.PerSide);
        Assert.True(ttfb.Threshold.Fpr <= plan.BudgetRate, $"operating FPR {ttfb.Threshold.Fpr} above the budget");
        Assert.All(calibration.Metrics.Where(m => m.Name != "ttfb"), m => Assert.Null(m.Threshold));
        Assert.Equal(0, calibration.DefaultFalseAlarms);

        // It is found again by the workflow's key, with everything that matters intact.
        var stored = Calibrations.Latest(WorkflowKeys.Of(plan.Workflow, null))!;
        Assert.Equal(calibration.Id, stored.Id);
        Assert.Equal(ttfb.Pool, stored.Metrics.Single(m => m.Name == "ttfb").Pool);
        Assert.Equal(ttfb.Threshold.Threshold, stored.Metrics.Single(m => m.Name == "ttfb").Threshold!.Threshold);
        Assert.Equal(calibration.Id, Calibrations.Find(calibration.Id[..12])?.Id);
    }

    [Fact]
    public async Task RunAsync_FailingWorkload_StoresNoCalibrationAndSaysWhy()
    {
        var plan = Plan() with { Variant = new Variant("A", null, new Dictionary<string, string> { [FakeTrialExecutor.FailVariable] = "1" }) };
        var calibrator = new Calibrator(new ExperimentRunner(_store, new FakeTrialExecutor(_store, "-"), new FakeVariantPreparer(), _paths), _store, Calibrations, TimeProvider.System);

        var outcome = await calibrator.RunAsync(plan, null, CancellationToken.None);

        Assert.Null(outcome.Calibration);
        Assert.Contains("failed", outcome.Failure, StringComparison.Ordinal);
        Assert.Empty(Calibrations.List(10));
    }

    private CalibrationPlan Plan() => new()
    {
        Workflow = new WorkflowSpec { Name = "fake", Run = "python3 train.py" },
        WorkingDirectory = _home.Path,
        Variant = new Variant("A", null, new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" }),
        Experiments = 2,
        TrialsPerVariant = 6,
        Warmup = 0,
        BudgetRate = 0.001,
        Budget = "1 false alarm(s) per 1000 experiments",
        Seed = 11,
    };
}
