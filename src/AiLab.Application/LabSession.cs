using AiLab.Execution.Routing;
using AiLab.Lab.Profiling;
using AiLab.Lab.Profiling.Running;
using AiLab.Core.Footprints;
using AiLab.Core.Capacity;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
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
using AiLab.Storage;

namespace AiLab.Application;

/// <summary>The lab's real parts wired together for one request of a front end: the stores (opened through
/// <see cref="StoreFactory"/>, the one seam that chooses them), the local executor, the build cache, the runners and
/// the leases.</summary>
public sealed class LabSession : IDisposable
{
    private readonly bool _ownsStores;

    private LabSession(LabPaths paths, LabStores stores, bool ownsStores = true)
    {
        _ownsStores = ownsStores;
        Stores = stores;
        Paths = paths;
        Leases = new ExperimentLeases(stores.Leases, LocalHolderProbe.Instance, TimeProvider.System);
        Runner = new ExperimentRunner(Store, RoutingExecutor.Default(), NewPreparer(), paths, Leases);
        Confirming = new ConfirmingRunner(Runner, Store, TimeProvider.System);
        Profiles = new ProfileSession(
            new ProfileRunner(RoutingExecutor.Default(), NewPreparer(), ProbeEnvironment.Discover()), paths);
        CoreSpeeds = new CoreSpeedCalibration(
            new CoreSpeedMeter(), CoreSpeedCalibration.CachePathIn(paths.Home), TimeProvider.System);
    }

    /// <summary>This machine's per-core speed calibration, cached in the lab's home.</summary>
    public CoreSpeedCalibration CoreSpeeds { get; }

    /// <summary>The lab's home and the paths of builds and trial logs in it.</summary>
    public LabPaths Paths { get; }

    /// <summary>Every store of the lab, from one location.</summary>
    public LabStores Stores { get; }

    /// <summary>The experiments and their trials.</summary>
    public IExperimentStore Store => Stores.Experiments;

    /// <summary>Where the stores live, as messages name it: the SQLite file's path, or the PostgreSQL database
    /// without its password.</summary>
    public string DatabasePath => Stores.Location.Display;

    /// <summary>The calibrations, in the same database.</summary>
    public ICalibrationStore Calibrations => Stores.Calibrations;

    /// <summary>Footprints per workflow and revision, and the change tier's outcomes.</summary>
    public IFootprintStore Footprints => Stores.Footprints;

    /// <summary>Who runs which experiment: the leases in the store.</summary>
    public ExperimentLeases Leases { get; }

    /// <summary>Runs an experiment's trials and computes its verdict.</summary>
    public ExperimentRunner Runner { get; }

    /// <summary>Profiled trials of an experiment's variants, apart from its measured trials, and their diff.</summary>
    public ProfileSession Profiles { get; }

    /// <summary>The runner that confirms a regression or improvement with fresh trials.</summary>
    public ConfirmingRunner Confirming { get; }

    /// <summary>Opens the lab at <paramref name="paths"/> with its stores at <paramref name="location"/> (checked by
    /// the front end); <see cref="StoreAccess.ReadOnly"/> for requests that only read.</summary>
    public static LabSession Open(LabPaths paths, StoreLocation location, StoreAccess access)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(location);
        return new LabSession(paths, StoreFactory.Open(location, access));
    }

    /// <summary>A session over stores a long-running front end (the server) opened once and keeps owning: disposing
    /// the session leaves them open.</summary>
    public static LabSession Over(LabPaths paths, LabStores stores)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(stores);
        return new LabSession(paths, stores, ownsStores: false);
    }

    /// <summary>A comparer that runs each comparison of a bisection or a release as a stored A/B experiment with the
    /// lab's real parts.</summary>
    /// <param name="spec">The workflow.</param>
    /// <param name="repositoryRoot">The repository the revisions come from.</param>
    /// <param name="workingDirectory">The directory the request came from.</param>
    /// <param name="warmup">Warm-up trials per variant.</param>
    /// <param name="seed">Seed of the trial order, or null.</param>
    /// <param name="confirmation">True for the comparer of confirmation runs.</param>
    /// <param name="tier">Which tier the trials' capacity is charged to.</param>
    /// <param name="experimentIdFor">Stable experiment ids per comparison (base, candidate, trials), so that a
    /// comparison run again resumes its stored experiment; null for fresh ids.</param>
    public IRevisionComparer RevisionComparer(
        WorkflowSpec spec,
        string repositoryRoot,
        string workingDirectory,
        int warmup,
        int? seed,
        bool confirmation = false,
        CapacityTier tier = CapacityTier.Bisection,
        Func<string, string, int, string>? experimentIdFor = null) =>
        new ExperimentRevisionComparer(
            Store,
            RoutingExecutor.Default(),
            NewPreparer(),
            Paths,
            new RevisionExperimentSettings
            {
                Workflow = spec, RepositoryPath = repositoryRoot, WorkingDirectory = workingDirectory, Warmup = warmup,
                Seed = seed, Confirmation = confirmation, Tier = tier, ExperimentIdFor = experimentIdFor,
            });

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsStores)
            Stores.Dispose();
    }

    private WorkspacePreparer NewPreparer() => new(new BuildCache(Paths.Builds), ProbeEnvironment.Discover());
}
