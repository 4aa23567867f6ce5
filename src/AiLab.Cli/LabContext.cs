using AiLab.Application;
using AiLab.Lab;
using AiLab.Storage;

namespace AiLab.Cli;

/// <summary>Opens the lab for a command from its <c>--store</c> option (<see cref="LabSession"/>,
/// <see cref="StoreFactory"/>).</summary>
internal static class LabContext
{
    /// <summary>Opens the lab at its default home, with the store <paramref name="store"/> if given (a file path or
    /// a connection string), creating an SQLite database when it is missing.</summary>
    public static LabSession Open(string? store) => Open(store, StoreAccess.ReadWrite);

    /// <summary>Opens the lab for a command that only reads: an SQLite database is opened read-only (so a read-only
    /// file or directory still works) and nothing is created when it is missing.</summary>
    public static LabSession OpenForReading(string? store) => Open(store, StoreAccess.ReadOnly);

    /// <summary>The store for <c>--store</c> (or the default), checked at the edge.</summary>
    /// <exception cref="UsageException"><c>--store</c> is empty, does not parse, or names a directory.</exception>
    public static StoreLocation ResolveStore(string? store)
    {
        if (store is not null && string.IsNullOrWhiteSpace(store))
        {
            throw new UsageException(
                "--store (or --db) is empty; give the path of the SQLite database file (e.g. --store lab.db) "
                + "or a PostgreSQL connection string");
        }

        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(store ?? LabPaths.Default().Database);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--store: {ex.Message}");
        }

        if (location.Kind == StoreKind.Sqlite && Directory.Exists(location.Target))
        {
            throw new UsageException(
                $"--store {location.Target} is a directory; give the path of a database file in it, e.g. --store "
                + Path.Combine(location.Target, "ailab.db"));
        }

        return location;
    }

    /// <summary>Opens every store of <c>--store</c> (or the default) for <paramref name="access"/>.</summary>
    /// <exception cref="UsageException"><c>--store</c> is not usable.</exception>
    public static LabStores OpenStores(string? store, StoreAccess access) =>
        StoreFactory.Open(ResolveStore(store), access);

    private static LabSession Open(string? store, StoreAccess access) =>
        LabSession.Open(LabPaths.Default(), ResolveStore(store), access);
}
