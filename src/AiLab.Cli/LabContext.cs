using AiLab.Execution.Git;
using AiLab.Execution.Machine;
using AiLab.Execution.Routing;
using AiLab.Lab;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Experiments.Leases;
using AiLab.Lab.Machine;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;
using AiLab.Storage.Sqlite;

namespace AiLab.Cli;

/// <summary>The real parts wired together for one command: the SQLite store, the local executor, the build cache.</summary>
internal sealed class LabContext : IDisposable
{
    private LabContext(LabPaths paths, string databasePath, StoreAccess access)
    {
        Paths = paths;
        DatabasePath = databasePath;
        Store = new SqliteExperimentStore(databasePath, access);
        try
        {
            Calibrations = new SqliteCalibrationStore(databasePath, access);
        }
        catch
        {
            Store.Dispose();
            throw;
        }

        Leases = new ExperimentLeases(Store, LocalHolderProbe.Instance, TimeProvider.System);
        Runner = new ExperimentRunner(Store, RoutingExecutor.Default(), new WorkspacePreparer(new BuildCache(paths.Builds), ProbeEnvironment.Discover()), paths, Leases);
        Confirming = new ConfirmingRunner(Runner, Store, TimeProvider.System);
        CoreSpeeds = new CoreSpeedCalibration(new CoreSpeedMeter(), CoreSpeedCalibration.CachePathIn(paths.Home), TimeProvider.System);
    }

    /// <summary>This machine's per-core speed calibration, cached in the lab's home.</summary>
    public CoreSpeedCalibration CoreSpeeds { get; }

    public LabPaths Paths { get; }

    public SqliteExperimentStore Store { get; }

    public string DatabasePath { get; }

    /// <summary>The calibrations, in the same database.</summary>
    public SqliteCalibrationStore Calibrations { get; }

    /// <summary>Who runs which experiment: the leases in the store.</summary>
    public ExperimentLeases Leases { get; }

    public ExperimentRunner Runner { get; }

    /// <summary>The runner that confirms a regression or improvement with fresh trials.</summary>
    public ConfirmingRunner Confirming { get; }

    /// <summary>Opens the lab at its default home, with the database at <paramref name="databasePath"/> if given,
    /// creating the database when it is missing.</summary>
    public static LabContext Open(string? databasePath) => Open(databasePath, StoreAccess.ReadWrite);

    /// <summary>Opens the lab for a command that only reads: the database is opened read-only (so a read-only file
    /// or directory still works) and nothing is created when it is missing.</summary>
    public static LabContext OpenForReading(string? databasePath) => Open(databasePath, StoreAccess.ReadOnly);

    /// <summary>The absolute database path for <c>--db</c> (or the default), checked at the edge.</summary>
    /// <exception cref="UsageException"><c>--db</c> is empty or names a directory.</exception>
    public static string ResolveDatabasePath(string? databasePath)
    {
        if (databasePath is not null && string.IsNullOrWhiteSpace(databasePath))
            throw new UsageException("--db is empty; give the path of the SQLite database file, e.g. --db lab.db");
        var path = Path.GetFullPath(databasePath ?? LabPaths.Default().Database);
        if (Directory.Exists(path))
            throw new UsageException($"--db {path} is a directory; give the path of a database file in it, e.g. --db {Path.Combine(path, "ailab.db")}");
        return path;
    }

    public void Dispose()
    {
        Calibrations.Dispose();
        Store.Dispose();
    }

    private static LabContext Open(string? databasePath, StoreAccess access) =>
        new(LabPaths.Default(), ResolveDatabasePath(databasePath), access);
}
