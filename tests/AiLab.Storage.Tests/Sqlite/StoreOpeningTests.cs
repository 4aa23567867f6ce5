using AiLab.Storage;
using AiLab.Storage.Schema;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>How a database file is opened: a new one is told from a damaged one, reading commands open it read-only
/// and create nothing, and every failure names the file and the fix.</summary>
public sealed class StoreOpeningTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_ZeroByteFile_ThrowsNamingThePathInsteadOfStartingAnEmptyDatabase()
    {
        var path = _temp.File("lab.db");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<StorageException>(() => new SqliteExperimentStore(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty (0-byte)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void Open_NewDatabase_IsCompleteOnDiskAndLeavesNoTemporaryFile()
    {
        var path = _temp.File("lab.db");

        using (var store = new SqliteExperimentStore(path))
            Assert.Equal(SchemaMigrations.All[^1].Version, store.SchemaVersion);

        Assert.True(new FileInfo(path).Length > 0);
        Assert.Equal(new[] { "lab.db" }, Directory.GetFiles(_temp.Path).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public void Open_ManyProcessesCreatingTheSameDatabase_AllOpenOneDatabase()
    {
        var path = _temp.File("lab.db");

        Parallel.For(0, 8, i =>
        {
            using var store = new SqliteExperimentStore(path);
            store.Create(Samples.Experiment($"ab-{i}"));
        });

        using var reopened = new SqliteExperimentStore(path, StoreAccess.ReadOnly);
        Assert.Equal(8, reopened.List(20).Count);
    }

    [Fact]
    public void OpenReadOnly_MissingDatabaseInMissingDirectory_ReadsEmptyAndCreatesNothing()
    {
        var path = Path.Combine(_temp.Path, "missing", "dir", "x.db");

        using (var store = new SqliteExperimentStore(path, StoreAccess.ReadOnly))
        {
            Assert.Empty(store.List(20));
            Assert.Null(store.Find("ab-1"));
        }

        using (var stores = StoreFactory.Open("sqlite:" + path, StoreAccess.ReadOnly))
            Assert.Empty(stores.Incidents.List(20));

        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "missing")));
    }

    [Fact]
    public void OpenReadOnly_ImmutableDatabaseAndDirectory_ReadsItsExperiments()
    {
        var dir = Path.Combine(_temp.Path, "ro");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "lab.db");
        using (var store = new SqliteExperimentStore(path))
            store.Create(Samples.Experiment("ab-1"));

        using (new ReadOnlyPaths(path, dir))
        {
            using var reader = new SqliteExperimentStore(path, StoreAccess.ReadOnly);
            Assert.Equal("ab-1", Assert.Single(reader.List(20)).Id);
            Assert.Null(reader.GetLease("ab-1"));
            using var stores = StoreFactory.Open("sqlite:" + path, StoreAccess.ReadOnly);
            Assert.Empty(stores.Incidents.List(20));

            // Writing is what fails, with the file and what still works named.
            var ex = Assert.Throws<StorageException>(() =>
            {
                using var writer = new SqliteExperimentStore(path);
                writer.Create(Samples.Experiment("ab-2"));
            });
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GetTrials_CorruptPage_ThrowsNamingThePathAndHowToRecover()
    {
        var path = _temp.File("lab.db");
        using (var store = new SqliteExperimentStore(path))
        {
            store.Create(Samples.Experiment("ab-1"));
            for (var i = 0; i < 200; i++)
                store.AddTrial(new Core.Experiments.TrialRecord("ab-1", i, i % 2 == 0 ? "A" : "B", false, Samples.Trial(Core.Trials.FailureKind.None, i)));
        }

        CorruptPagesAfterTheSchema(path);

        var ex = Assert.Throws<StorageException>(() =>
        {
            using var store = new SqliteExperimentStore(path, StoreAccess.ReadOnly);
            store.GetTrials("ab-1");
        });
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(".recover", ex.Message, StringComparison.Ordinal);
        Assert.Contains("backup", ex.Message, StringComparison.Ordinal);
    }

    // The last pages of the file hold the trials' B-tree: overwrite them so that reading them fails, keeping page 1
    // (the header and the schema) intact so that the file still opens.
    private static void CorruptPagesAfterTheSchema(string path)
    {
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        const int PageSize = 4096;
        Assert.True(bytes.Length > 8 * PageSize, $"the database is only {bytes.Length} bytes");
        for (var i = 4 * PageSize; i < bytes.Length; i++)
            bytes[i] = 0xA5;
        File.WriteAllBytes(path, bytes);
    }
}
