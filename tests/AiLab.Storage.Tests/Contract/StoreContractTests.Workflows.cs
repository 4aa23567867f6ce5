using System.Data.Common;
using AiLab.Core.Experiments;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The per-workflow reads over the indexed workflow column (schema step 10), and the step's upgrade of a
/// database written before it, on both engines.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset WorkflowTime = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Experiment OfWorkflow(string id, string workflow, int minute) =>
        Samples.Experiment(id, WorkflowTime.AddMinutes(minute)) with
        {
            Workflow = Samples.Experiment(id).Workflow with { Name = workflow },
        };

    [Fact]
    public async Task Workflows_CountsEachWorkflowsExperimentsByName()
    {
        await Experiments.CreateAsync(OfWorkflow("ab-1", "resnet", 1));
        await Experiments.CreateAsync(OfWorkflow("ab-2", "bert", 2));
        await Experiments.CreateAsync(OfWorkflow("ab-3", "resnet", 3));

        Assert.Equal(
            [new WorkflowCount("bert", 1), new WorkflowCount("resnet", 2)], await Experiments.WorkflowsAsync());
    }

    [Fact]
    public async Task ListByWorkflow_ReturnsOnlyThatWorkflowsNewestFirstUpToTheLimit()
    {
        for (var i = 0; i < 5; i++)
            await Experiments.CreateAsync(OfWorkflow($"ab-r{i}", "resnet", i));
        await Experiments.CreateAsync(OfWorkflow("ab-b", "bert", 10));

        var listed = await Experiments.ListByWorkflowAsync("resnet", 3);

        Assert.Equal(["ab-r4", "ab-r3", "ab-r2"], listed.Select(e => e.Id));
        Assert.Empty(await Experiments.ListByWorkflowAsync("none", 3));
        var original = OfWorkflow("ab-r4", "resnet", 4);
        Assert.Equal(StorageJson.Serialize(original), StorageJson.Serialize(listed[0]));
    }

    [Fact]
    public async Task Open_DatabaseOfStepNineWithExperiments_FillsTheirWorkflowColumn()
    {
        // A second database of this engine, written by the steps before 10 (rows inserted as that version did).
        using var backend = CreateBackend();
        IReadOnlyList<SchemaMigration> before = [.. SchemaMigrations.All.Where(m => m.Version < 10)];
        using (var old = backend.Open(before))
        {
            Assert.Equal(9, old.SchemaVersion);
            InsertAsStepNine(backend, OfWorkflow("ab-old-1", "resnet", 1));
            InsertAsStepNine(backend, OfWorkflow("ab-old-2", "bert", 2));
        }

        using var upgraded = backend.Open();

        Assert.Equal(SchemaMigrations.All.Count, upgraded.SchemaVersion);
        Assert.Equal(["ab-old-1"], (await upgraded.Experiments.ListByWorkflowAsync("resnet", 10)).Select(e => e.Id));
        Assert.Equal(["bert", "resnet"], (await upgraded.Experiments.WorkflowsAsync()).Select(w => w.Name));
    }

    private static void InsertAsStepNine(StoreBackend backend, Experiment experiment)
    {
        var location = StoreLocation.Parse(backend.ConnectionString);
        using DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, spec)
            VALUES ('{experiment.Id}', '{StorageJson.EnumName(experiment.Kind)}', '{experiment.CreatedAt:O}',
                    {experiment.CreatedAt.UtcTicks}, '{StorageJson.EnumName(experiment.Status)}', @spec);
            """;
        var spec = command.CreateParameter();
        spec.ParameterName = "spec";
        spec.Value = ExperimentDocuments.Spec(experiment);
        command.Parameters.Add(spec);
        command.ExecuteNonQuery();
    }
}
