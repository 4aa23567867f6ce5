namespace AiLab.Storage;

/// <summary>The database cannot be used: not an SQLite file, corrupt, or written by a newer AiLab. The message names the file.</summary>
public sealed class StorageException(string message, Exception? innerException = null) : Exception(message, innerException);
