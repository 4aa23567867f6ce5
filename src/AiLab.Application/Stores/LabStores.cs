using AiLab.Storage.Sqlite;

namespace AiLab.Application.Stores;

/// <summary>The one seam through which the lab's stores are opened: experiments (with their leases), calibrations,
/// incidents and output comparisons, all in one database. Front ends never construct a store themselves, so choosing
/// another store (a PostgreSQL database from a connection string) changes this class and nothing above it.</summary>
public sealed class LabStores : IDisposable
{
    private LabStores(string databasePath, SqliteExperimentStore experiments, SqliteCalibrationStore calibrations)
    {
        DatabasePath = databasePath;
        Experiments = experiments;
        Calibrations = calibrations;
    }

    /// <summary>Where the stores live, for messages.</summary>
    public string DatabasePath { get; }

    /// <summary>The experiments, their trials and their leases.</summary>
    public SqliteExperimentStore Experiments { get; }

    /// <summary>The calibrations, in the same database.</summary>
    public SqliteCalibrationStore Calibrations { get; }

    /// <summary>Opens the experiment and calibration stores of the database at <paramref name="databasePath"/>;
    /// <see cref="StoreAccess.ReadWrite"/> creates it when it is missing, <see cref="StoreAccess.ReadOnly"/> creates
    /// nothing and works on a read-only file.</summary>
    public static LabStores Open(string databasePath, StoreAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var experiments = new SqliteExperimentStore(databasePath, access);
        try
        {
            return new LabStores(databasePath, experiments, new SqliteCalibrationStore(databasePath, access));
        }
        catch
        {
            experiments.Dispose();
            throw;
        }
    }

    /// <summary>Opens the incident store of the database at <paramref name="databasePath"/>.</summary>
    public static SqliteIncidentStore OpenIncidents(string databasePath, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new SqliteIncidentStore(databasePath, access);
    }

    /// <summary>Opens the store of model-output comparisons of the database at <paramref
    /// name="databasePath"/>.</summary>
    public static SqliteOutputComparisonStore OpenOutputComparisons(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new SqliteOutputComparisonStore(databasePath);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Calibrations.Dispose();
        Experiments.Dispose();
    }
}
