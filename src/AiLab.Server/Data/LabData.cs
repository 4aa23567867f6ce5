using AiLab.Core.Access;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Core.Scheduling;
using AiLab.Execution.Git;
using AiLab.Execution.Processes;
using AiLab.Lab;
using AiLab.Lab.Experiments;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;
using AiLab.Storage.Sqlite;

namespace AiLab.Server.Data;

/// <summary>Every store access of the server goes through here (and only here): the API and the dashboard see the
/// lab's data as these reads and writes, so swapping the stores (PostgreSQL, async interfaces) touches this folder
/// alone.</summary>
public sealed class LabData : IDisposable
{
    private readonly SqliteExperimentStore _experiments;
    private readonly SqliteCalibrationStore _calibrations;
    private readonly SqliteIncidentStore _incidents;
    private readonly SqliteApiTokenStore _tokens;
    private readonly SqliteWorkQueue _queue;

    private LabData(SqliteExperimentStore experiments, SqliteCalibrationStore calibrations,
        SqliteIncidentStore incidents, SqliteApiTokenStore tokens, SqliteWorkQueue queue)
    {
        _experiments = experiments;
        _calibrations = calibrations;
        _incidents = incidents;
        _tokens = tokens;
        _queue = queue;
    }

    /// <summary>Where the data lives, as the server reports it.</summary>
    public required string Location { get; init; }

    /// <summary>Opens (creating and migrating when needed) the SQLite database at <paramref name="databasePath"/>.</summary>
    /// <exception cref="Storage.StorageException">The file is not a usable AiLab database.</exception>
    public static LabData OpenSqlite(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        var opened = new List<IDisposable>();
        try
        {
            var experiments = Track(opened, new SqliteExperimentStore(path));
            var calibrations = Track(opened, new SqliteCalibrationStore(path));
            var incidents = Track(opened, new SqliteIncidentStore(path));
            var tokens = Track(opened, new SqliteApiTokenStore(path));
            var queue = Track(opened, new SqliteWorkQueue(path));
            return new LabData(experiments, calibrations, incidents, tokens, queue) { Location = path };
        }
        catch
        {
            foreach (var store in opened) store.Dispose();
            throw;
        }
    }

    /// <summary>Opens the store named by <paramref name="store"/>: an SQLite file path, or <c>sqlite:PATH</c>.</summary>
    /// <exception cref="ArgumentException">The store names a kind this build cannot open.</exception>
    public static LabData Open(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        if (store.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return OpenSqlite(store["sqlite:".Length..]);
        if (store.Contains("://", StringComparison.Ordinal) || store.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--store '{store}': only SQLite stores (a file path or sqlite:PATH) can be served by this build");
        return OpenSqlite(store);
    }

    /// <summary>The token store alone, for <c>ailab token</c>.</summary>
    public static SqliteApiTokenStore OpenTokens(string databasePath) => new(Path.GetFullPath(databasePath));

    /// <summary>Every experiment, newest first.</summary>
    public IReadOnlyList<Experiment> Experiments() => _experiments.List(int.MaxValue);

    /// <summary>An experiment by id or unique prefix, or null.</summary>
    public Experiment? Experiment(string idOrPrefix) => _experiments.Find(idOrPrefix);

    /// <summary>An experiment's trials in schedule order.</summary>
    public IReadOnlyList<TrialRecord> Trials(string experimentId) => _experiments.GetTrials(experimentId);

    /// <summary>Stores a new experiment (ingest).</summary>
    public void CreateExperiment(Experiment experiment) => _experiments.Create(experiment);

    /// <summary>Replaces an experiment's status, verdict and spec (ingest).</summary>
    public void UpdateExperiment(Experiment experiment) => _experiments.Update(experiment);

    /// <summary>Appends a finished trial (ingest).</summary>
    public void AddTrial(TrialRecord trial) => _experiments.AddTrial(trial);

    /// <summary>Every calibration, newest first.</summary>
    public IReadOnlyList<Calibration> Calibrations() => _calibrations.List(int.MaxValue);

    /// <summary>A calibration by id or unique prefix, or null.</summary>
    public Calibration? Calibration(string idOrPrefix) => _calibrations.Find(idOrPrefix);

    /// <summary>Every incident, newest first.</summary>
    public IReadOnlyList<Incident> Incidents() => _incidents.List(int.MaxValue);

    /// <summary>An incident by id or unique prefix, or null.</summary>
    public Incident? Incident(string idOrPrefix) => _incidents.Find(idOrPrefix);

    /// <summary>Changes an incident's status.</summary>
    public void SetIncidentStatus(string incidentId, IncidentStatus status) => _incidents.UpdateStatus(incidentId, status);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not.</summary>
    public ApiToken? TokenByHash(string secretHash) => _tokens.FindByHash(secretHash);

    /// <summary>The scheduler's queue.</summary>
    public IWorkQueue Queue => _queue;

    /// <summary>A runner that runs (or resumes) stored experiments with the lab's real parts: the local executor
    /// and the build cache and trial logs under <paramref name="paths"/>.</summary>
    public ExperimentRunner Runner(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new ExperimentRunner(_experiments, new LocalExecutor(),
            new WorkspacePreparer(new BuildCache(paths.Builds), ProbeEnvironment.Discover()), paths);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.Dispose();
        _tokens.Dispose();
        _incidents.Dispose();
        _calibrations.Dispose();
        _experiments.Dispose();
    }

    private static T Track<T>(List<IDisposable> opened, T store)
        where T : IDisposable
    {
        opened.Add(store);
        return store;
    }
}
