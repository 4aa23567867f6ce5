using AiLab.Core.Trials;

namespace AiLab.Storage.Tests.Contract;

/// <summary>A cluster trial's scheduler facts (docs/slurm.md) live in its result document, on both engines.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AddTrial_SlurmTrial_KeepsEverySchedulerFact()
    {
        var facts = new SchedulerFacts
        {
            Scheduler = "slurm", JobId = "42", Attempts = 2, Node = "gpu-7", FinalState = "COMPLETED",
            SubmittedAt = new DateTimeOffset(2026, 12, 6, 4, 30, 47, TimeSpan.Zero),
            ReleasedAt = new DateTimeOffset(2026, 12, 6, 4, 30, 47, 60, TimeSpan.Zero),
            EligibleAt = new DateTimeOffset(2026, 12, 6, 4, 30, 47, TimeSpan.Zero),
            JobStartedAt = new DateTimeOffset(2026, 12, 6, 4, 30, 48, TimeSpan.Zero),
            QueueMs = 626.8, ClockOffsetMs = 3.7, ClockOffsetUncertaintyMs = 8.9,
            NodeMachine = new NodeIdentity("gpu-7", "AMD EPYC", 64, "3"),
            InfrastructureFailures = ["job 41 on node gpu-3 ended by the scheduler as NODE_FAIL"],
        };
        await Experiments.CreateAsync(Samples.Experiment("ab-s"));
        await Experiments.AddTrialAsync(new("ab-s", 0, "A", false,
            Samples.Trial(FailureKind.None, 0) with { Scheduler = facts }));
        await Experiments.AddTrialAsync(new("ab-s", 1, "B", false, Samples.Trial(FailureKind.None, 1)));

        var trials = await Experiments.GetTrialsAsync("ab-s");

        var stored = trials[0].Result.Scheduler!;
        Assert.Equal(facts.NodeMachine, stored.NodeMachine);
        Assert.Equal(facts.InfrastructureFailures, stored.InfrastructureFailures);
        Assert.Equal(facts with { InfrastructureFailures = stored.InfrastructureFailures }, stored);
        Assert.Null(trials[1].Result.Scheduler);
    }
}
