using AiLab.Core.Access;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Footprints;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Incidents;
using AiLab.Core.Outputs;
using AiLab.Core.Scheduling;

namespace AiLab.Storage;

/// <summary>Every store of one lab, opened together from one connection string by <see cref="StoreFactory"/>.
/// Disposing it closes them all.</summary>
public sealed class LabStores : IDisposable
{
    private readonly IDisposable _owner;

    internal LabStores(
        StoreLocation location, int schemaVersion, IExperimentStore experiments, ILeaseStore leases,
        ICalibrationStore calibrations, IIncidentStore incidents, IOutputComparisonStore outputComparisons,
        IFootprintStore footprints, IApiTokenStore apiTokens, IWorkQueue workQueue, IDisposable owner)
    {
        Location = location;
        SchemaVersion = schemaVersion;
        Experiments = experiments;
        Leases = leases;
        Calibrations = calibrations;
        Incidents = incidents;
        OutputComparisons = outputComparisons;
        Footprints = footprints;
        ApiTokens = apiTokens;
        WorkQueue = workQueue;
        _owner = owner;
    }

    /// <summary>Where the stores live.</summary>
    public StoreLocation Location { get; }

    /// <summary>The schema version after opening.</summary>
    public int SchemaVersion { get; }

    /// <summary>Experiments and their trials.</summary>
    public IExperimentStore Experiments { get; }

    /// <summary>The experiments' leases.</summary>
    public ILeaseStore Leases { get; }

    /// <summary>Calibrations.</summary>
    public ICalibrationStore Calibrations { get; }

    /// <summary>Incidents and their deliveries.</summary>
    public IIncidentStore Incidents { get; }

    /// <summary>Model-output comparisons.</summary>
    public IOutputComparisonStore OutputComparisons { get; }

    /// <summary>Footprints per workflow and revision, and the change tier's outcomes.</summary>
    public IFootprintStore Footprints { get; }

    /// <summary>The server's API tokens, hashed.</summary>
    public IApiTokenStore ApiTokens { get; }

    /// <summary>The server scheduler's durable queue.</summary>
    public IWorkQueue WorkQueue { get; }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _owner.Dispose();
}
