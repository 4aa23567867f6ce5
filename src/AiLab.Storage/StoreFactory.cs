using AiLab.Storage.Schema;
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
            _ => throw new StorageException(
                $"{location.Display}: PostgreSQL stores are not built into this AiLab yet; use an SQLite file"),
        };
    }

    private static LabStores OpenSqlite(StoreLocation location, StoreAccess access)
    {
        var database = SqliteDatabase.Open(location.Target, SchemaMigrations.All, access);
        var experiments = new SqliteExperimentStore(database);
        return new LabStores(
            location, database.SchemaVersion, experiments, experiments, new SqliteCalibrationStore(database),
            new SqliteIncidentStore(database), new SqliteOutputComparisonStore(database), database);
    }
}
