using AiLab.Application;
using AiLab.Core.Access;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Core.Scheduling;
using AiLab.Lab;
using AiLab.Lab.Experiments;
using AiLab.Outputs.Comparing;
using AiLab.Outputs.Storing;
using AiLab.Server.Views;
using AiLab.Storage;

namespace AiLab.Server.Data;

/// <summary>Every store access of the server goes through here (and only here): the API, the dashboard and the
/// scheduler see the lab's data as these reads and writes. The lab's stores come from <see cref="StoreFactory"/>;
/// the server's own tables (tokens, the scheduler's queue) are among them, on either engine.</summary>
public sealed class LabData : IDisposable
{
    private readonly LabStores _stores;

    private LabData(LabStores stores) => _stores = stores;

    /// <summary>Where the data lives, as the server reports it (a PostgreSQL password never shows).</summary>
    public string Location => _stores.Location.Display;

    /// <summary>Opens the store named by <paramref name="store"/> (an SQLite file, <c>sqlite:PATH</c>, or a PostgreSQL
    /// connection string), creating and migrating it when needed.</summary>
    /// <exception cref="ArgumentException">The store does not parse.</exception>
    /// <exception cref="StorageException">The database cannot be used.</exception>
    public static LabData Open(string store) => new(StoreFactory.Open(StoreLocation.Parse(store)));

    /// <summary>Opens an SQLite database file.</summary>
    public static LabData OpenSqlite(string databasePath) => Open(Path.GetFullPath(databasePath));

    /// <summary>The stores of <paramref name="store"/>, for <c>ailab token</c> (which uses
    /// <see cref="LabStores.ApiTokens"/>).</summary>
    /// <exception cref="ArgumentException">The store does not parse.</exception>
    /// <exception cref="StorageException">The database cannot be used.</exception>
    public static LabStores OpenTokens(string store) => StoreFactory.Open(StoreLocation.Parse(store));

    /// <summary>The home chart's change points between requests (invalidated by the trial writes below).</summary>
    public ChangePointCache ChangePoints { get; } = new();

    /// <summary>Every experiment, newest first (the whole documents: for tests and small labs only).</summary>
    public Task<IReadOnlyList<Experiment>> ExperimentsAsync(CancellationToken ct = default) =>
        _stores.Experiments.ListAsync(int.MaxValue, ct);

    /// <summary>A page of experiment digests (schema step 11), newest first, of one workflow or all, after
    /// <paramref name="afterId"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="afterId"/> is not stored (under that workflow).</exception>
    public Task<IReadOnlyList<ExperimentDigest>> DigestsAsync(
        string? workflow, int limit, string? afterId = null, CancellationToken ct = default) =>
        _stores.Experiments.DigestsAsync(workflow, limit, afterId, ct);

    /// <summary>Whether an experiment with exactly this id is stored (a primary-key read, no prefix matching).</summary>
    public Task<bool> ExperimentExistsAsync(string id, CancellationToken ct = default) =>
        _stores.Experiments.ExistsAsync(id, ct);

    /// <summary>An experiment by id or unique prefix, or null.</summary>
    public Task<Experiment?> ExperimentAsync(string idOrPrefix, CancellationToken ct = default) => _stores.Experiments.FindAsync(idOrPrefix, ct);

    /// <summary>Every workflow with experiments, by name, with how many (an index-only read: schema step 10).</summary>
    public Task<IReadOnlyList<WorkflowCount>> WorkflowsAsync(CancellationToken ct = default) =>
        _stores.Experiments.WorkflowsAsync(ct);

    /// <summary>The <paramref name="limit"/> newest experiments of <paramref name="workflow"/> (an index range).</summary>
    public Task<IReadOnlyList<Experiment>> WorkflowExperimentsAsync(
        string workflow, int limit, CancellationToken ct = default) =>
        _stores.Experiments.ListByWorkflowAsync(workflow, limit, ct);

    /// <summary>An experiment's trials in schedule order.</summary>
    public Task<IReadOnlyList<TrialRecord>> TrialsAsync(string experimentId, CancellationToken ct = default) =>
        _stores.Experiments.GetTrialsAsync(experimentId, ct);

    /// <summary>Stores a new experiment (ingest, scheduler).</summary>
    public Task CreateExperimentAsync(Experiment experiment, CancellationToken ct = default) => _stores.Experiments.CreateAsync(experiment, ct);

    /// <summary>Replaces an experiment's status, verdict and spec (ingest).</summary>
    public Task UpdateExperimentAsync(Experiment experiment, CancellationToken ct = default) => _stores.Experiments.UpdateAsync(experiment, ct);

    /// <summary>Appends a finished trial (ingest).</summary>
    public Task AddTrialAsync(TrialRecord trial, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return AddTrialsAsync([trial], ct);
    }

    /// <summary>Appends finished trials in one atomic batch (ingest); change points that read their experiments'
    /// trials are detected again.</summary>
    public async Task AddTrialsAsync(IReadOnlyList<TrialRecord> trials, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trials);
        try
        {
            await _stores.Experiments.AddTrialsAsync(trials, ct).ConfigureAwait(false);
        }
        finally
        {
            // Also on failure: part of a batch may be stored on an engine that does not roll it back.
            foreach (var id in trials.Select(t => t.ExperimentId).Distinct(StringComparer.Ordinal))
                ChangePoints.Invalidate(id);
        }
    }

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

    /// <summary>Stores a calibration made elsewhere (ingest).</summary>
    public Task AddCalibrationAsync(Calibration calibration, CancellationToken ct = default) =>
        _stores.Calibrations.AddAsync(calibration, ct);

    /// <summary>Stores an incident unless one with its id exists (ingest, the scheduler's bisections).</summary>
    public Task<RecordedIncident> RecordIncidentAsync(Incident incident, CancellationToken ct = default) =>
        _stores.Incidents.RecordAsync(incident, ct);

    /// <summary>Changes an incident's status.</summary>
    public Task SetIncidentStatusAsync(string incidentId, IncidentStatus status, CancellationToken ct = default) =>
        _stores.Incidents.UpdateStatusAsync(incidentId, status, ct);

    /// <summary>Stored model-output comparisons, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ComparisonReport>> OutputComparisonsAsync(int limit, CancellationToken ct = default)
    {
        var rows = await _stores.OutputComparisons.ListAsync(limit, ct).ConfigureAwait(false);
        return [.. rows.Select(r => ReportJson.Deserialize(r.Document))];
    }

    /// <summary>A model-output comparison by id or unique prefix, or null.</summary>
    public Task<ComparisonReport?> OutputComparisonAsync(string idOrPrefix, CancellationToken ct = default) =>
        new ComparisonArchive(_stores.OutputComparisons).FindAsync(idOrPrefix, ct);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not.</summary>
    public Task<ApiToken?> TokenByHashAsync(string secretHash, CancellationToken ct = default) => _stores.ApiTokens.FindByHashAsync(secretHash, ct);

    /// <summary>The scheduler's queue.</summary>
    public IWorkQueue Queue => _stores.WorkQueue;

    /// <summary>A runner that runs (or resumes) stored experiments with the lab's real parts, wired as every front
    /// end gets them (<see cref="LabSession"/>): the executor, the build cache and trial logs under
    /// <paramref name="paths"/>, and the store's leases.</summary>
    public ExperimentRunner Runner(LabPaths paths) => Session(paths).Runner;

    /// <summary>The application layer over this server's stores, which stay open when the session is dropped.</summary>
    public LabSession Session(LabPaths paths) => LabSession.Over(paths, _stores);

    /// <inheritdoc />
    public void Dispose() => _stores.Dispose();
}
