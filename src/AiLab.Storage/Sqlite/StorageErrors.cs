using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Turns SQLite's bare error codes into messages that name the file and say how to fix it.</summary>
internal static class StorageErrors
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;

    /// <summary>True for the errors that mean the file itself is damaged.</summary>
    public static bool IsDamage(SqliteException ex) => ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase;

    /// <summary>The storage error for <paramref name="ex"/>, raised while using the database at
    /// <paramref name="path"/>.</summary>
    public static StorageException Wrap(SqliteException ex, string path) => ex.SqliteErrorCode switch
    {
        SqliteCorrupt or SqliteNotADatabase => new StorageException(
            $"{path} is not a readable AiLab database: it is damaged (SQLite: {ex.Message}). Restore it from a backup, "
            + "or move it aside (ailab then starts a new one) "
            + $"and recover what it held with: sqlite3 {path} .recover | sqlite3 recovered.db", ex),
        SqliteReadOnly => new StorageException(
            $"cannot write to {path}: it (or its directory) is read-only (SQLite: {ex.Message}). "
            + "Reading commands (list, show, "
            + "incidents list) still work; to run experiments, make it writable or pass --db with a writable path", ex),
        SqliteCantOpen => new StorageException(
            $"cannot open {path} for writing (SQLite: {ex.Message}): it or its directory is read-only, "
            + "or the directory is gone. Reading commands (list, show, incidents list) still work; "
            + "to run experiments, make it writable or "
            + "pass --db with a writable path", ex),
        _ => new StorageException($"the AiLab database {path} failed: {ex.Message}", ex),
    };
}
