using AiLab.Execution.Git;
using AiLab.Execution.Machine;
using AiLab.Execution.Processes;
using AiLab.Lab;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Experiments.Leases;
using AiLab.Lab.Machine;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Storage;

namespace AiLab.Cli;

/// <summary>The real parts wired together for one command: the stores (chosen by <see cref="StoreFactory"/>), the
/// local executor, the build cache.</summary>
internal sealed class LabContext : IDisposable
{
    private LabContext(LabPaths paths, StoreLocation location, StoreAccess access)
    {
        Paths = paths;
        Stores = StoreFactory.Open(location, access);
        Leases = new ExperimentLeases(Stores.Leases, LocalHolderProbe.Instance, TimeProvider.System);
        Runner = new ExperimentRunner(
            Store, new LocalExecutor(),
            new WorkspacePreparer(new BuildCache(paths.Builds), ProbeEnvironment.Discover()), paths, Leases);
        Confirming = new ConfirmingRunner(Runner, Store, TimeProvider.System);
        CoreSpeeds = new CoreSpeedCalibration(
            new CoreSpeedMeter(), CoreSpeedCalibration.CachePathIn(paths.Home), TimeProvider.System);
    }

    /// <summary>This machine's per-core speed calibration, cached in the lab's home.</summary>
    public CoreSpeedCalibration CoreSpeeds { get; }

    public LabPaths Paths { get; }

    /// <summary>Every store of the lab, from one connection string.</summary>
    public LabStores Stores { get; }

    /// <summary>The experiments and their trials.</summary>
    public IExperimentStore Store => Stores.Experiments;

    /// <summary>Where the store is, as messages name it: the SQLite file's path, or the PostgreSQL database without
    /// its password.</summary>
    public string DatabasePath => Stores.Location.Display;

    /// <summary>The calibrations, in the same database.</summary>
    public ICalibrationStore Calibrations => Stores.Calibrations;

    /// <summary>Who runs which experiment: the leases in the store.</summary>
    public ExperimentLeases Leases { get; }

    public ExperimentRunner Runner { get; }

    /// <summary>The runner that confirms a regression or improvement with fresh trials.</summary>
    public ConfirmingRunner Confirming { get; }

    /// <summary>Opens the lab at its default home, with the store <paramref name="store"/> if given (a file path or
    /// a connection string), creating an SQLite database when it is missing.</summary>
    public static LabContext Open(string? store) => Open(store, StoreAccess.ReadWrite);

    /// <summary>Opens the lab for a command that only reads: an SQLite database is opened read-only (so a read-only
    /// file or directory still works) and nothing is created when it is missing.</summary>
    public static LabContext OpenForReading(string? store) => Open(store, StoreAccess.ReadOnly);

    /// <summary>The store for <c>--store</c> (or the default), checked at the edge.</summary>
    /// <exception cref="UsageException"><c>--store</c> is empty, does not parse, or names a directory.</exception>
    public static StoreLocation ResolveStore(string? store)
    {
        if (store is not null && string.IsNullOrWhiteSpace(store))
            throw new UsageException(
                "--store (or --db) is empty; give the path of the SQLite database file (e.g. --store lab.db) "
                + "or a PostgreSQL connection string");
        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(store ?? LabPaths.Default().Database);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--store: {ex.Message}");
        }

        if (location.Kind == StoreKind.Sqlite && Directory.Exists(location.Target))
            throw new UsageException(
                $"--store {location.Target} is a directory; give the path of a database file in it, e.g. --store "
                + Path.Combine(location.Target, "ailab.db"));
        return location;
    }

    /// <summary>Opens every store of <c>--store</c> (or the default) for <paramref name="access"/>.</summary>
    /// <exception cref="UsageException"><c>--store</c> is not usable.</exception>
    public static LabStores OpenStores(string? store, StoreAccess access) =>
        StoreFactory.Open(ResolveStore(store), access);

    public void Dispose() => Stores.Dispose();

    private static LabContext Open(string? store, StoreAccess access) =>
        new(LabPaths.Default(), ResolveStore(store), access);
}
