using System.Data.Common;
using AiLab.Core.Experiments;
using AiLab.Storage.Schema;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The per-workflow experiment counts kept with the digests (schema step 13) against the count they
/// replace, a <c>GROUP BY</c> over the experiments, on both engines; and the step's count of existing rows.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Workflows_AfterCreatesAndUpdatesThatMoveAnExperiment_EqualsAGroupByOverTheExperiments()
    {
        for (var i = 0; i < 5; i++)
            await Experiments.CreateAsync(OfWorkflow($"ab-c{i}", i < 3 ? "resnet" : "bert", i));
        await Experiments.CreateAsync(OfWorkflow("ab-only", "gpt", 9));
        // An update in the same workflow leaves the counts; one to another workflow moves one; the last of a
        // workflow moving away leaves that workflow out.
        await Experiments.UpdateAsync(OfWorkflow("ab-c0", "resnet", 0) with { Status = ExperimentStatus.Completed });
        await Experiments.UpdateAsync(OfWorkflow("ab-c1", "bert", 1));
        await Experiments.UpdateAsync(OfWorkflow("ab-only", "bert", 9));

        var kept = await Experiments.WorkflowsAsync();

        Assert.Equal([new WorkflowCount("bert", 4), new WorkflowCount("resnet", 2)], kept);
        Assert.Equal(GroupByOverExperiments(_backend), kept);
    }

    [Fact]
    public async Task Workflows_TwoStoresCreatingConcurrently_CountEveryExperimentOnce()
    {
        using var other = _backend.Open();
        var writes = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? Experiments : other.Experiments)
            .CreateAsync(OfWorkflow($"ab-w{i}", i % 3 == 0 ? "resnet" : "bert", i)));

        await Task.WhenAll(writes);

        Assert.Equal(
            [new WorkflowCount("bert", 13), new WorkflowCount("resnet", 7)], await Experiments.WorkflowsAsync());
    }

    [Fact]
    public async Task Open_DatabaseOfStepTenWithExperiments_CountsThemPerWorkflow()
    {
        using var backend = CreateBackend();
        IReadOnlyList<SchemaMigration> before = [.. SchemaMigrations.All.Where(m => m.Version < 11)];
        using (var old = backend.Open(before))
        {
            InsertAsStepTen(backend, OfWorkflow("ab-old-1", "resnet", 1));
            InsertAsStepTen(backend, OfWorkflow("ab-old-2", "bert", 2));
            InsertAsStepTen(backend, OfWorkflow("ab-old-3", "resnet", 3));
        }

        using var upgraded = backend.Open();
        await upgraded.Experiments.CreateAsync(OfWorkflow("ab-new", "resnet", 4));

        Assert.Equal([new WorkflowCount("bert", 1), new WorkflowCount("resnet", 3)],
            await upgraded.Experiments.WorkflowsAsync());
        Assert.Equal(GroupByOverExperiments(backend), await upgraded.Experiments.WorkflowsAsync());
    }

    // The count as WorkflowsAsync took it before step 13.
    private static List<WorkflowCount> GroupByOverExperiments(StoreBackend backend)
    {
        var location = StoreLocation.Parse(backend.ConnectionString);
        using DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT workflow, count(*) FROM experiments GROUP BY workflow ORDER BY workflow;";
        using var reader = command.ExecuteReader();
        var counts = new List<WorkflowCount>();
        while (reader.Read()) counts.Add(new WorkflowCount(reader.GetString(0), (int)reader.GetInt64(1)));
        return counts;
    }
}
