using AiLab.Core.Trials;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

public sealed class MachineStateStorageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AddTrial_WithMachineState_CopiesOtherProcessesLoadToItsColumn()
    {
        var path = _temp.File("lab.db");
        using (var store = new SqliteExperimentStore(path))
        {
            store.Create(Samples.Experiment("ab-1"));
            store.AddTrial(new("ab-1", 0, "A", false, Samples.Trial(FailureKind.None, 0)));
            store.AddTrial(new("ab-1", 1, "B", false, Samples.Trial(FailureKind.NonZeroExit, 1)));
        }

        Assert.Equal(0.125, Scalar(path, "SELECT other_cpu_cores FROM trials WHERE sequence = 0;"));
        Assert.Equal(DBNull.Value, Scalar(path, "SELECT other_cpu_cores FROM trials WHERE sequence = 1;"));
        using var reopened = new SqliteExperimentStore(path);
        Assert.Equal("performance", reopened.GetTrials("ab-1")[0].Result.Machine!.Governor);
        Assert.Null(reopened.GetTrials("ab-1")[1].Result.Machine);
    }

    [Fact]
    public void Update_ExtendedExperiment_StoresItsNewTrialCountAndExtensions()
    {
        var path = _temp.File("lab.db");
        var experiment = Samples.Experiment("ab-1");
        using (var store = new SqliteExperimentStore(path))
        {
            store.Create(experiment);
            store.Update(experiment with
            {
                TrialsPerVariant = 24,
                Extension = experiment.Extension! with { Extensions = ["one", "two"] },
            });
        }

        using var reopened = new SqliteExperimentStore(path);
        var found = reopened.Find("ab-1")!;
        Assert.Equal(24, found.TrialsPerVariant);
        Assert.Equal(["one", "two"], found.Extension!.Extensions);
        Assert.Equal([1], found.Pinning!.Cpus);
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
