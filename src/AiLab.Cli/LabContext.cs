using AiLab.Application;
using AiLab.Lab;
using AiLab.Storage.Sqlite;

namespace AiLab.Cli;

/// <summary>Opens the lab for a command from its <c>--db</c> option (<see cref="LabSession"/>).</summary>
internal static class LabContext
{
    /// <summary>Opens the lab at its default home, with the database at <paramref name="databasePath"/> if given,
    /// creating the database when it is missing.</summary>
    public static LabSession Open(string? databasePath) => Open(databasePath, StoreAccess.ReadWrite);

    /// <summary>Opens the lab for a command that only reads: the database is opened read-only (so a read-only file
    /// or directory still works) and nothing is created when it is missing.</summary>
    public static LabSession OpenForReading(string? databasePath) => Open(databasePath, StoreAccess.ReadOnly);

    /// <summary>The absolute database path for <c>--db</c> (or the default), checked at the edge.</summary>
    /// <exception cref="UsageException"><c>--db</c> is empty or names a directory.</exception>
    public static string ResolveDatabasePath(string? databasePath)
    {
        if (databasePath is not null && string.IsNullOrWhiteSpace(databasePath))
            throw new UsageException("--db is empty; give the path of the SQLite database file, e.g. --db lab.db");
        var path = Path.GetFullPath(databasePath ?? LabPaths.Default().Database);
        if (Directory.Exists(path))
        {
            throw new UsageException(
                $"--db {path} is a directory; give the path of a database file in it, "
                + $"e.g. --db {Path.Combine(path, "ailab.db")}");
        }

        return path;
    }

    private static LabSession Open(string? databasePath, StoreAccess access) =>
        LabSession.Open(LabPaths.Default(), ResolveDatabasePath(databasePath), access);
}
