using AiLab.Application;
using AiLab.Core.Access;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Core.Scheduling;
using AiLab.Lab;
using AiLab.Lab.Experiments;
using AiLab.Storage;
using AiLab.Storage.Sqlite;

namespace AiLab.Server.Data;

/// <summary>Every store access of the server goes through here (and only here): the API, the dashboard and the
/// scheduler see the lab's data as these reads and writes. The lab's stores come from <see cref="StoreFactory"/>;
/// the server's own tables (tokens, the scheduler's queue) are SQLite-only until their PostgreSQL versions exist.</summary>
public sealed class LabData : IDisposable
{
    private readonly LabStores _stores;
    private readonly SqliteApiTokenStore _tokens;
    private readonly SqliteWorkQueue _queue;

    private LabData(LabStores stores, SqliteApiTokenStore tokens, SqliteWorkQueue queue)
    {
        _stores = stores;
        _tokens = tokens;
        _queue = queue;
    }

    /// <summary>Where the data lives, as the server reports it (a PostgreSQL password never shows).</summary>
    public string Location => _stores.Location.Display;

    /// <summary>Opens the store named by <paramref name="store"/> (an SQLite file, <c>sqlite:PATH</c>), creating and
    /// migrating it when needed.</summary>
    /// <exception cref="ArgumentException">The store does not parse, or is a kind the server cannot serve yet.</exception>
    /// <exception cref="StorageException">The database cannot be used.</exception>
    public static LabData Open(string store)
    {
        var location = StoreLocation.Parse(store);
        if (location.Kind != StoreKind.Sqlite)
            throw new ArgumentException($"{location.Display}: the server's tokens and queue need an SQLite store today; PostgreSQL versions are not built yet");
        var stores = StoreFactory.Open(location);
        SqliteApiTokenStore? tokens = null;
        try
        {
            tokens = new SqliteApiTokenStore(location.Target);
            return new LabData(stores, tokens, new SqliteWorkQueue(location.Target));
        }
        catch
        {
            tokens?.Dispose();
            stores.Dispose();
            throw;
        }
    }

    /// <summary>Opens an SQLite database file.</summary>
    public static LabData OpenSqlite(string databasePath) => Open(Path.GetFullPath(databasePath));

    /// <summary>The token store alone, for <c>ailab token</c>.</summary>
    /// <exception cref="ArgumentException">The store is not an SQLite file.</exception>
    public static SqliteApiTokenStore OpenTokens(string store)
    {
        var location = StoreLocation.Parse(store);
        if (location.Kind != StoreKind.Sqlite)
            throw new ArgumentException($"{location.Display}: API tokens are kept in an SQLite store today");
        return new SqliteApiTokenStore(location.Target);
    }

    /// <summary>Every experiment, newest first.</summary>
    public Task<IReadOnlyList<Experiment>> ExperimentsAsync(CancellationToken ct = default) => _stores.Experiments.ListAsync(int.MaxValue, ct);

    /// <summary>An experiment by id or unique prefix, or null.</summary>
    public Task<Experiment?> ExperimentAsync(string idOrPrefix, CancellationToken ct = default) => _stores.Experiments.FindAsync(idOrPrefix, ct);

    /// <summary>An experiment's trials in schedule order.</summary>
    public Task<IReadOnlyList<TrialRecord>> TrialsAsync(string experimentId, CancellationToken ct = default) => _stores.Experiments.GetTrialsAsync(experimentId, ct);

    /// <summary>Stores a new experiment (ingest, scheduler).</summary>
    public Task CreateExperimentAsync(Experiment experiment, CancellationToken ct = default) => _stores.Experiments.CreateAsync(experiment, ct);

    /// <summary>Replaces an experiment's status, verdict and spec (ingest).</summary>
    public Task UpdateExperimentAsync(Experiment experiment, CancellationToken ct = default) => _stores.Experiments.UpdateAsync(experiment, ct);

    /// <summary>Appends a finished trial (ingest).</summary>
    public Task AddTrialAsync(TrialRecord trial, CancellationToken ct = default) => _stores.Experiments.AddTrialAsync(trial, ct);

    /// <summary>Every calibration, newest first.</summary>
    /// <summary>The capacity ledger: every stored trial's cost with its tier and workflow (docs/capacity.md).</summary>
    public Task<Lab.Capacity.CapacityLedger> CapacityLedgerAsync(CancellationToken ct = default) =>
        Lab.Capacity.CapacityLedger.LoadAsync(_stores.Experiments, ct);

    public Task<IReadOnlyList<Calibration>> CalibrationsAsync(CancellationToken ct = default) => _stores.Calibrations.ListAsync(int.MaxValue, ct);

    /// <summary>A calibration by id or unique prefix, or null.</summary>
    public Task<Calibration?> CalibrationAsync(string idOrPrefix, CancellationToken ct = default) => _stores.Calibrations.FindAsync(idOrPrefix, ct);

    /// <summary>Every incident, newest first.</summary>
    public Task<IReadOnlyList<Incident>> IncidentsAsync(CancellationToken ct = default) => _stores.Incidents.ListAsync(int.MaxValue, ct);

    /// <summary>An incident by id or unique prefix, or null.</summary>
    public Task<Incident?> IncidentAsync(string idOrPrefix, CancellationToken ct = default) => _stores.Incidents.FindAsync(idOrPrefix, ct);

    /// <summary>Changes an incident's status.</summary>
    public Task SetIncidentStatusAsync(string incidentId, IncidentStatus status, CancellationToken ct = default) =>
        _stores.Incidents.UpdateStatusAsync(incidentId, status, ct);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not.</summary>
    public Task<ApiToken?> TokenByHashAsync(string secretHash, CancellationToken ct = default) => _tokens.FindByHashAsync(secretHash, ct);

    /// <summary>The scheduler's queue.</summary>
    public IWorkQueue Queue => _queue;

    /// <summary>A runner that runs (or resumes) stored experiments with the lab's real parts, wired as every front
    /// end gets them (<see cref="LabSession"/>): the executor, the build cache and trial logs under
    /// <paramref name="paths"/>, and the store's leases.</summary>
    public ExperimentRunner Runner(LabPaths paths) => Session(paths).Runner;

    /// <summary>The application layer over this server's stores, which stay open when the session is dropped.</summary>
    public LabSession Session(LabPaths paths) => LabSession.Over(paths, _stores);

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.Dispose();
        _tokens.Dispose();
        _stores.Dispose();
    }
}
