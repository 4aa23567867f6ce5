using AiLab.Execution.Git;
using AiLab.Execution.Machine;
using AiLab.Execution.Processes;
using AiLab.Lab;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Machine;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;
using AiLab.Storage.Sqlite;

namespace AiLab.Cli;

/// <summary>The real parts wired together for one command: the SQLite store, the local executor, the build cache.</summary>
internal sealed class LabContext : IDisposable
{
    private LabContext(LabPaths paths, string databasePath, SqliteExperimentStore store)
    {
        Calibrations = new SqliteCalibrationStore(databasePath);
        Paths = paths;
        DatabasePath = databasePath;
        Store = store;
        Runner = new ExperimentRunner(store, new LocalExecutor(), new WorkspacePreparer(new BuildCache(paths.Builds), ProbeEnvironment.Discover()), paths);
        Confirming = new ConfirmingRunner(Runner, store, TimeProvider.System);
        CoreSpeeds = new CoreSpeedCalibration(new CoreSpeedMeter(), CoreSpeedCalibration.CachePathIn(paths.Home), TimeProvider.System);
    }

    /// <summary>This machine's per-core speed calibration, cached in the lab's home.</summary>
    public CoreSpeedCalibration CoreSpeeds { get; }

    public LabPaths Paths { get; }

    public SqliteExperimentStore Store { get; }

    public string DatabasePath { get; }

    /// <summary>The calibrations, in the same database.</summary>
    public SqliteCalibrationStore Calibrations { get; }

    public ExperimentRunner Runner { get; }

    /// <summary>The runner that confirms a regression or improvement with fresh trials.</summary>
    public ConfirmingRunner Confirming { get; }

    /// <summary>Opens the lab at its default home, with the database at <paramref name="databasePath"/> if given.</summary>
    public static LabContext Open(string? databasePath)
    {
        var paths = LabPaths.Default();
        var path = Path.GetFullPath(databasePath ?? paths.Database);
        return new LabContext(paths, path, new SqliteExperimentStore(path));
    }

    public void Dispose()
    {
        Calibrations.Dispose();
        Store.Dispose();
    }
}
