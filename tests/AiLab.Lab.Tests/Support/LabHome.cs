using AiLab.Storage.Sqlite;

namespace AiLab.Lab.Tests.Support;

/// <summary>A throwaway lab home for one test class: a temp directory, its paths, and the SQLite store in it.</summary>
internal sealed class LabHome : IDisposable
{
    private readonly TempDirectory _directory = new();

    public LabHome()
    {
        Paths = new LabPaths(_directory.Path);
        Store = new SqliteExperimentStore(Paths.Database);
    }

    /// <summary>The home directory.</summary>
    public string Path => _directory.Path;

    public LabPaths Paths { get; }

    public SqliteExperimentStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
