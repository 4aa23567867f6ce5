namespace AiLab.Storage;

/// <summary>How a command opens the database: commands that only read never create, migrate or lock it.</summary>
public enum StoreAccess
{
    /// <summary>Creates the database (atomically) when it is missing and brings its schema up to date.</summary>
    ReadWrite,

    /// <summary>Opens an existing database read-only; a missing one reads as empty, and nothing is created on disk.</summary>
    ReadOnly,
}
