using AiLab.Application.Stores;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Execution.Machine;
using AiLab.Execution.Processes;
using AiLab.Lab;
using AiLab.Lab.Bisection;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Experiments.Leases;
using AiLab.Lab.Machine;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;
using AiLab.Storage.Sqlite;

namespace AiLab.Application;

/// <summary>The lab's real parts wired together for one request of a front end: the stores, the local executor, the
/// build cache, the runners and the leases.</summary>
public sealed class LabSession : IDisposable
{
    private readonly LabStores stores;

    private LabSession(LabPaths paths, LabStores stores)
    {
        this.stores = stores;
        Paths = paths;
        Leases = new ExperimentLeases(Store, LocalHolderProbe.Instance, TimeProvider.System);
        Runner = new ExperimentRunner(Store, new LocalExecutor(), NewPreparer(), paths, Leases);
        Confirming = new ConfirmingRunner(Runner, Store, TimeProvider.System);
        CoreSpeeds = new CoreSpeedCalibration(
            new CoreSpeedMeter(), CoreSpeedCalibration.CachePathIn(paths.Home), TimeProvider.System);
    }

    /// <summary>This machine's per-core speed calibration, cached in the lab's home.</summary>
    public CoreSpeedCalibration CoreSpeeds { get; }

    /// <summary>The lab's home and the paths of builds and trial logs in it.</summary>
    public LabPaths Paths { get; }

    /// <summary>The experiments and their trials.</summary>
    public SqliteExperimentStore Store => stores.Experiments;

    /// <summary>Where the stores live, for messages.</summary>
    public string DatabasePath => stores.DatabasePath;

    /// <summary>The calibrations, in the same database.</summary>
    public SqliteCalibrationStore Calibrations => stores.Calibrations;

    /// <summary>Who runs which experiment: the leases in the store.</summary>
    public ExperimentLeases Leases { get; }

    /// <summary>Runs an experiment's trials and computes its verdict.</summary>
    public ExperimentRunner Runner { get; }

    /// <summary>The runner that confirms a regression or improvement with fresh trials.</summary>
    public ConfirmingRunner Confirming { get; }

    /// <summary>Opens the lab at <paramref name="paths"/> with its database at <paramref name="databasePath"/> (an
    /// absolute path the front end has checked); <see cref="StoreAccess.ReadOnly"/> for requests that only
    /// read.</summary>
    public static LabSession Open(LabPaths paths, string databasePath, StoreAccess access)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new LabSession(paths, LabStores.Open(databasePath, access));
    }

    /// <summary>A comparer that runs each comparison of a bisection or a release as a stored A/B experiment with the
    /// lab's real parts.</summary>
    /// <param name="spec">The workflow.</param>
    /// <param name="repositoryRoot">The repository the revisions come from.</param>
    /// <param name="workingDirectory">The directory the request came from.</param>
    /// <param name="warmup">Warm-up trials per variant.</param>
    /// <param name="seed">Seed of the trial order, or null.</param>
    /// <param name="confirmation">True for the comparer of confirmation runs.</param>
    public IRevisionComparer RevisionComparer(
        WorkflowSpec spec,
        string repositoryRoot,
        string workingDirectory,
        int warmup,
        int? seed,
        bool confirmation = false) =>
        new ExperimentRevisionComparer(
            Store,
            new LocalExecutor(),
            NewPreparer(),
            Paths,
            new RevisionExperimentSettings
            {
                Workflow = spec, RepositoryPath = repositoryRoot, WorkingDirectory = workingDirectory, Warmup = warmup,
                Seed = seed, Confirmation = confirmation,
            });

    /// <inheritdoc />
    public void Dispose() => stores.Dispose();

    private WorkspacePreparer NewPreparer() => new(new BuildCache(Paths.Builds), ProbeEnvironment.Discover());
}
