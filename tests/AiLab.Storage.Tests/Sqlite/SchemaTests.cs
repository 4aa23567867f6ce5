using AiLab.Storage;
using AiLab.Storage.Schema;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

public sealed class SchemaTests : IDisposable
{
    // A later version adding a table; CREATE TABLE without IF NOT EXISTS fails if the step ever runs twice.
    private static readonly int Latest = SchemaMigrations.All.Count;

    private static readonly SchemaMigration AddNotes = new(Latest + 1, "notes", """
        CREATE TABLE notes (text TEXT NOT NULL);
        INSERT INTO notes (text) VALUES ('applied');
        """);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_ExistingDatabase_AppliesNoMigrationTwice()
    {
        var path = _temp.File("lab.db");
        IReadOnlyList<SchemaMigration> migrations = [.. SchemaMigrations.All, AddNotes];

        for (var i = 0; i < 3; i++)
        {
            using var store = new SqliteExperimentStore(path, migrations);
            Assert.Equal(Latest + 1, store.SchemaVersion);
        }

        Assert.Equal(1L, Scalar(path, "SELECT count(*) FROM notes;"));
        Assert.Equal((long)Latest + 1, Scalar(path, "PRAGMA user_version;"));
    }

    [Fact]
    public void Open_DatabaseOfAnOlderVersion_AppliesOnlyTheNewSteps()
    {
        var path = _temp.File("lab.db");
        using (var v1 = new SqliteExperimentStore(path, [SchemaMigrations.All[0]]))
        {
            Assert.Equal(1, v1.SchemaVersion);
            OldSchemaRows.InsertExperiment(path, Samples.Experiment("ab-1"));
        }

        using var v2 = new SqliteExperimentStore(path, [.. SchemaMigrations.All, AddNotes]);

        Assert.Equal(Latest + 1, v2.SchemaVersion);
        Assert.Equal("ab-1", v2.Find("ab-1")?.Id);
        Assert.Equal(1L, Scalar(path, "SELECT count(*) FROM notes;"));
    }

    [Fact]
    public void Open_DatabaseFromANewerVersion_ThrowsNamingBothVersions()
    {
        var path = _temp.File("lab.db");
        using (new SqliteExperimentStore(path, [.. SchemaMigrations.All, AddNotes]))
        {
        }

        var ex = Assert.Throws<StorageException>(() => new SqliteExperimentStore(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {Latest + 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileThatIsNotSqlite_ThrowsNamingThePath()
    {
        var path = _temp.File("notes.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("these are my notes, not a database\n", 200)));

        var ex = Assert.Throws<StorageException>(() => new SqliteExperimentStore(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable AiLab database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SqliteFileWithCorruptHeader_ThrowsNamingThePath()
    {
        var path = _temp.File("lab.db");
        using (var store = new SqliteExperimentStore(path))
            store.Create(Samples.Experiment("ab-1"));
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan(0, 16).Fill(0x5A); // the "SQLite format 3" magic
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<StorageException>(() => new SqliteExperimentStore(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingParentDirectories_CreatesThemAndUsesWal()
    {
        var path = Path.Combine(_temp.Path, "a", "b", "lab.db");

        using (new SqliteExperimentStore(path))
        {
        }

        Assert.True(File.Exists(path));
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode;"));
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
