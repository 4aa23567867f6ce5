using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Incidents;
using AiLab.Core.Outputs;

namespace AiLab.Testing;

/// <summary>Test-only blocking shortcuts over the async store API, so that arranging data and asserting on it reads
/// as one line. Safe here: xunit's context does not need the blocked thread back (every store awaits with
/// ConfigureAwait(false)). Production code awaits the async methods; new tests should too.</summary>
public static class StoreShortcuts
{
    public static void Create(this IExperimentStore store, Experiment experiment) =>
        store.CreateAsync(experiment).GetAwaiter().GetResult();

    public static void Update(this IExperimentStore store, Experiment experiment) =>
        store.UpdateAsync(experiment).GetAwaiter().GetResult();

    public static void AddTrial(this IExperimentStore store, TrialRecord trial) =>
        store.AddTrialAsync(trial).GetAwaiter().GetResult();

    public static Experiment? Find(this IExperimentStore store, string idOrPrefix) =>
        store.FindAsync(idOrPrefix).GetAwaiter().GetResult();

    public static IReadOnlyList<Experiment> List(this IExperimentStore store, int limit) =>
        store.ListAsync(limit).GetAwaiter().GetResult();

    public static IReadOnlyList<TrialRecord> GetTrials(this IExperimentStore store, string experimentId) =>
        store.GetTrialsAsync(experimentId).GetAwaiter().GetResult();

    public static ExperimentLease? TryAcquire(
        this ILeaseStore store, ExperimentLease wanted, Func<ExperimentLease, bool> canTakeOver) =>
        store.TryAcquireAsync(wanted, canTakeOver).GetAwaiter().GetResult();

    public static bool Renew(
        this ILeaseStore store, string experimentId, string token, DateTimeOffset heartbeatAt,
        DateTimeOffset expiresAt) =>
        store.RenewAsync(experimentId, token, heartbeatAt, expiresAt).GetAwaiter().GetResult();

    public static void Release(this ILeaseStore store, string experimentId, string token) =>
        store.ReleaseAsync(experimentId, token).GetAwaiter().GetResult();

    public static ExperimentLease? GetLease(this ILeaseStore store, string experimentId) =>
        store.GetLeaseAsync(experimentId).GetAwaiter().GetResult();

    public static void Add(this ICalibrationStore store, Calibration calibration) =>
        store.AddAsync(calibration).GetAwaiter().GetResult();

    public static Calibration? Latest(this ICalibrationStore store, string workflowKey) =>
        store.LatestAsync(workflowKey).GetAwaiter().GetResult();

    public static Calibration? Find(this ICalibrationStore store, string idOrPrefix) =>
        store.FindAsync(idOrPrefix).GetAwaiter().GetResult();

    public static IReadOnlyList<Calibration> List(this ICalibrationStore store, int limit) =>
        store.ListAsync(limit).GetAwaiter().GetResult();

    public static RecordedIncident Record(this IIncidentStore store, Incident incident) =>
        store.RecordAsync(incident).GetAwaiter().GetResult();

    public static Incident? Find(this IIncidentStore store, string idOrPrefix) =>
        store.FindAsync(idOrPrefix).GetAwaiter().GetResult();

    public static IReadOnlyList<Incident> List(this IIncidentStore store, int limit) =>
        store.ListAsync(limit).GetAwaiter().GetResult();

    public static void UpdateStatus(this IIncidentStore store, string incidentId, IncidentStatus status) =>
        store.UpdateStatusAsync(incidentId, status).GetAwaiter().GetResult();

    public static void RecordAttempt(this IIncidentStore store, DeliveryAttempt attempt) =>
        store.RecordAttemptAsync(attempt).GetAwaiter().GetResult();

    public static IReadOnlyList<DeliveryAttempt> GetAttempts(this IIncidentStore store, string incidentId) =>
        store.GetAttemptsAsync(incidentId).GetAwaiter().GetResult();

    public static IReadOnlyList<PendingDelivery> ListPending(
        this IIncidentStore store, IReadOnlyCollection<string> sinks) =>
        store.ListPendingAsync(sinks).GetAwaiter().GetResult();

    public static void Add(this IOutputComparisonStore store, OutputComparisonRow row, IEnumerable<OutputFlipRow> flips) =>
        store.AddAsync(row, flips).GetAwaiter().GetResult();

    public static IReadOnlyList<OutputComparisonRow> List(this IOutputComparisonStore store, int limit) =>
        store.ListAsync(limit).GetAwaiter().GetResult();

    public static OutputComparisonRow? Find(this IOutputComparisonStore store, string idOrPrefix) =>
        store.FindAsync(idOrPrefix).GetAwaiter().GetResult();

    public static IReadOnlyList<OutputFlipRow> Flips(this IOutputComparisonStore store, string comparisonId) =>
        store.FlipsAsync(comparisonId).GetAwaiter().GetResult();
}
