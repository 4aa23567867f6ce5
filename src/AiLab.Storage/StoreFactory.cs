using AiLab.Storage.Postgres;
using AiLab.Storage.Schema;
using AiLab.Storage.Shared;
using AiLab.Storage.Sqlite;

namespace AiLab.Storage;

/// <summary>The one place that chooses a store: every front end opens its stores here from a connection string
/// (see <see cref="StoreLocation"/>).</summary>
public static class StoreFactory
{
    /// <summary>Opens every store of <paramref name="connectionString"/>. <see cref="StoreAccess.ReadWrite"/>
    /// creates a missing SQLite file and brings the schema up to date; <see cref="StoreAccess.ReadOnly"/> creates
    /// and writes nothing (a missing SQLite file reads as empty).</summary>
    /// <exception cref="ArgumentException">The connection string does not parse.</exception>
    /// <exception cref="StorageException">The database cannot be used; the message names it and the fix.</exception>
    public static LabStores Open(string connectionString, StoreAccess access = StoreAccess.ReadWrite) =>
        Open(StoreLocation.Parse(connectionString), access);

    /// <summary>Opens every store at <paramref name="location"/>; see <see cref="Open(string, StoreAccess)"/>.</summary>
    /// <exception cref="StorageException">The database cannot be used; the message names it and the fix.</exception>
    public static LabStores Open(StoreLocation location, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            StoreKind.Sqlite => OpenSqlite(location, access),
            _ => OpenPostgres(location, access),
        };
    }

    /// <summary>Opens every store at <paramref name="location"/> with its schema steps <paramref name="migrations"/>
    /// (tests add steps of their own).</summary>
    internal static LabStores Open(
        StoreLocation location, StoreAccess access, IReadOnlyList<SchemaMigration> migrations) =>
        location.Kind == StoreKind.Sqlite
            ? OpenSqlite(location, access, migrations)
            : OpenPostgres(location, access, migrations);

    private static LabStores OpenPostgres(
        StoreLocation location, StoreAccess access, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        var database = PostgresDatabase.Open(location, migrations ?? SchemaMigrations.All, access);
        var experiments = new PostgresExperimentStore(database);
        return new LabStores(
            location, database.SchemaVersion, experiments, experiments, new CalibrationStore(database),
            new IncidentStore(database), new OutputComparisonStore(database),
            new FootprintStore(database), new ApiTokenStore(database), new WorkQueue(database), database);
    }

    private static LabStores OpenSqlite(
        StoreLocation location, StoreAccess access, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        var database = SqliteDatabase.Open(location.Target, migrations ?? SchemaMigrations.All, access);
        var experiments = new SqliteExperimentStore(database);
        return new LabStores(
            location, database.SchemaVersion, experiments, experiments, new CalibrationStore(database),
            new IncidentStore(database), new OutputComparisonStore(database),
            new FootprintStore(database), new ApiTokenStore(database), new WorkQueue(database), database);
    }
}
