using AiLab.Core.Trials;
using AiLab.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>Schema step 7 ("slurm queue"): a cluster trial's queue phase and node in their columns, the full facts in
/// the result document.</summary>
public sealed class SchedulerFactsStorageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AddTrial_SlurmTrial_CopiesQueueAndNodeToColumnsAndKeepsEveryFact()
    {
        var path = _temp.File("lab.db");
        var facts = new SchedulerFacts
        {
            Scheduler = "slurm", JobId = "42", Attempts = 2, Node = "gpu-7", FinalState = "COMPLETED",
            SubmittedAt = new DateTimeOffset(2026, 12, 6, 4, 30, 47, TimeSpan.Zero),
            EligibleAt = new DateTimeOffset(2026, 12, 6, 4, 30, 47, TimeSpan.Zero),
            JobStartedAt = new DateTimeOffset(2026, 12, 6, 4, 30, 48, TimeSpan.Zero),
            QueueMs = 626.8, ClockOffsetMs = 3.7, ClockOffsetUncertaintyMs = 8.9,
            NodeMachine = new NodeIdentity("gpu-7", "AMD EPYC", 64, "3"),
            InfrastructureFailures = ["job 41 on node gpu-3 ended by the scheduler as NODE_FAIL"],
        };
        using (var store = new SqliteExperimentStore(path))
        {
            store.Create(Samples.Experiment("ab-1"));
            store.AddTrial(new("ab-1", 0, "A", false, Samples.Trial(FailureKind.None, 0) with { Scheduler = facts }));
            store.AddTrial(new("ab-1", 1, "B", false, Samples.Trial(FailureKind.None, 1)));
        }

        Assert.Equal(626.8, Scalar(path, "SELECT queue_ms FROM trials WHERE sequence = 0;"));
        Assert.Equal("gpu-7", Scalar(path, "SELECT node FROM trials WHERE sequence = 0;"));
        Assert.Equal(DBNull.Value, Scalar(path, "SELECT queue_ms FROM trials WHERE sequence = 1;"));
        using var reopened = new SqliteExperimentStore(path);
        var stored = reopened.GetTrials("ab-1")[0].Result.Scheduler!;
        Assert.Equal(facts.NodeMachine, stored.NodeMachine);
        Assert.Equal(facts.InfrastructureFailures, stored.InfrastructureFailures);
        Assert.Equal(facts with { InfrastructureFailures = stored.InfrastructureFailures }, stored);
        Assert.Null(reopened.GetTrials("ab-1")[1].Result.Scheduler);
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
