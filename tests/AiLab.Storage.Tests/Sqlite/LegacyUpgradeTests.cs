using AiLab.Storage.Schema;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>A database written by AiLab before the migrations table existed (main at ccad8e2 counted its steps in
/// <c>PRAGMA user_version</c>) is adopted in place: nothing re-applied, nothing lost, later steps applied.</summary>
public sealed class LegacyUpgradeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Open_FileFromUserVersionSix_RecordsItsStepsAndKeepsItsExperiments()
    {
        var path = CopyFixture();

        using (var store = new SqliteExperimentStore(path))
        {
            Assert.Equal(SchemaMigrations.All.Count, store.SchemaVersion);
            var experiment = Assert.Single(await store.ListAsync(10));
            Assert.Equal(2, (await store.GetTrialsAsync(experiment.Id)).Count);
        }

        var rows = Rows(path, "SELECT version || ':' || name FROM schema_migrations ORDER BY version;");
        // Steps 1-6 adopted from user_version, the later ones applied once.
        Assert.Equal(SchemaMigrations.All.Select(m => $"{m.Version}:{m.Name}"), rows);
        Assert.Equal([SchemaMigrations.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Rows(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task Open_FileFromUserVersionSixWithANewerStep_AppliesOnlyThatStep()
    {
        var path = CopyFixture();
        var notes = new SchemaMigration(SchemaMigrations.All.Count + 1, "notes", "CREATE TABLE notes (text TEXT);");

        using (var store = new SqliteExperimentStore(path, [.. SchemaMigrations.All, notes]))
        {
            Assert.Equal(notes.Version, store.SchemaVersion);
            Assert.Single(await store.ListAsync(10));
        }

        Assert.Equal(
            [.. SchemaMigrations.All.Select(m => m.Name), "notes"],
            Rows(path, "SELECT name FROM schema_migrations ORDER BY version;"));
        Assert.Equal([notes.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Rows(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task OpenReadOnly_FileFromUserVersionSix_UpgradesOnceThenReadsWithoutWriting()
    {
        // An older schema is upgraded by the first open, even a reading one (docs/storage.md): the newer tables
        // must exist to be read. Once current, reading opens never write.
        var path = CopyFixture();
        using (var first = new SqliteExperimentStore(path, StoreAccess.ReadOnly))
            Assert.Single(await first.ListAsync(10));
        var before = await File.ReadAllBytesAsync(path);

        using (var store = new SqliteExperimentStore(path, StoreAccess.ReadOnly))
            Assert.Single(await store.ListAsync(10));

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    private string CopyFixture()
    {
        var path = _temp.File("lab.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-user-version-6.db"), path);
        return path;
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }
}
