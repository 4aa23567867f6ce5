using AiLab.Core.Workflows;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

public sealed class SlurmCapacityTests
{
    // Real lines of `scontrol show node -o` (Slurm 22.05), the first from the test cluster.
    private const string Idle = "NodeName=vm Arch=x86_64 CoresPerSocket=2  CPUAlloc=0 CPUEfctv=2 CPUTot=2 CPULoad=0.37 "
        + "AvailableFeatures=(null) ActiveFeatures=(null) Gres=(null) NodeAddr=127.0.0.1 NodeHostName=vm "
        + "Version=22.05.8 "
        + "RealMemory=24105 AllocMem=0 FreeMem=14518 Sockets=1 Boards=1 State=IDLE ThreadsPerCore=1 TmpDisk=0 Weight=1 "
        + "Owner=N/A MCS_label=N/A Partitions=debug  BootTime=2026-12-06T01:02:43";

    private static SlurmNodeInfo Node(string name, int total, int alloc, string state = "MIXED", long mem = 64000,
        long allocMem = 0, string partitions = "cpu", string features = "skylake") =>
        SlurmNodeInfo.Parse($"NodeName={name} CPUAlloc={alloc} CPUTot={total} AvailableFeatures={features} "
                            + $"RealMemory={mem} AllocMem={allocMem} State={state} Partitions={partitions}")!;

    [Fact]
    public void Parse_TestClusterLine_ReadsCpusMemoryStateAndPartitions()
    {
        var node = SlurmNodeInfo.Parse(Idle)!;

        Assert.Equal(("vm", "IDLE", 2, 0, 24105L, 0L),
            (node.Name, node.State, node.CpuTotal, node.CpuAllocated, node.MemoryMb, node.MemoryAllocatedMb));
        Assert.Equal(["debug"], node.Partitions);
        Assert.Empty(node.Features);
        Assert.True(node.Schedulable);
    }

    [Theory]
    [InlineData("IDLE+DRAIN")]
    [InlineData("DOWN*")]
    [InlineData("IDLE*")]
    [InlineData("MIXED+MAINTENANCE")]
    public void Schedulable_DrainingOrDownNode_IsFalse(string state) =>
        Assert.False(Node("n", 8, 0, state).Schedulable);

    [Fact]
    public void FreeSlots_TwoCpuNodeOneCpuTrials_Two() =>
        Assert.Equal(2, SlurmCapacity.FreeSlots([SlurmNodeInfo.Parse(Idle)!], new SlurmSettings { Cpus = 1 }, null));

    [Fact]
    public void FreeSlots_SameNode_CountsTheBestNodeOnlyAndThePinnedOneOnceKnown()
    {
        IReadOnlyList<SlurmNodeInfo> nodes = [Node("a", 16, 12), Node("b", 16, 2)];
        var settings = new SlurmSettings { Cpus = 2 };

        Assert.Equal(7, SlurmCapacity.FreeSlots(nodes, settings, null));
        Assert.Equal(2, SlurmCapacity.FreeSlots(nodes, settings, "a"));
        Assert.Equal(9, SlurmCapacity.FreeSlots(nodes, settings with { SameNode = false }, null));
    }

    [Fact]
    public void FreeSlots_MemoryPartitionAndConstraint_Limit()
    {
        IReadOnlyList<SlurmNodeInfo> nodes =
        [
            Node("a", 32, 0, mem: 64000, allocMem: 40000),
            Node("b", 32, 0, partitions: "gpu"),
            Node("c", 32, 0, features: "zen3"),
        ];

        var settings = new SlurmSettings { Memory = "8G", Partition = "cpu", Constraint = "skylake" };
        Assert.Equal(2, SlurmCapacity.FreeSlots(nodes, settings, null));
        Assert.Equal(32, SlurmCapacity.FreeSlots(nodes, new SlurmSettings { Constraint = "zen3" }, null));
        Assert.Equal(0, SlurmCapacity.FreeSlots(nodes, new SlurmSettings { Partition = "none" }, null));
    }

    [Fact]
    public void FreeSlots_GpusOrNoNodes_OneOrUnknown()
    {
        Assert.Equal(1, SlurmCapacity.FreeSlots([Node("a", 32, 0)], new SlurmSettings { Gpus = "1" }, null));
        Assert.Null(SlurmCapacity.FreeSlots([], SlurmSettings.Default, null));
    }

    [Theory]
    [InlineData("16G", 16384L)]
    [InlineData("500M", 500L)]
    [InlineData("2048", 2048L)]
    [InlineData("1T", 1048576L)]
    [InlineData("lots", null)]
    public void MemoryMb_SlurmSyntax_InMb(string text, long? mb) => Assert.Equal(mb, SlurmCapacity.MemoryMb(text));

    [Fact]
    public void FreeSlots_VariantAsksForMemoryThroughItsEnvironment_CountsWhatSbatchWillAskFor()
    {
        // The test cluster with one one-CPU job holding its CPU's share of memory: a default request fits once more,
        // a variant whose environment asks sbatch for 16 GB does not fit at all.
        var node = Node("vm", 2, 1, mem: 24105, allocMem: 12052, partitions: "debug", features: "");
        var plain = SlurmExecutor.WithEnvironmentRequest(SlurmSettings.Default, new Dictionary<string, string?>());
        var big = SlurmExecutor.WithEnvironmentRequest(SlurmSettings.Default,
            new Dictionary<string, string?> { ["SBATCH_MEM_PER_NODE"] = "16G", ["SBATCH_CPUS_PER_TASK"] = "2" });

        Assert.Equal(1, SlurmCapacity.FreeSlots([node], plain, null));
        Assert.Equal((2, "16G"), (big.Cpus, big.Memory));
        Assert.Equal(0, SlurmCapacity.FreeSlots([node], big, null));
        // What the workflow sets wins, as sbatch's own options win over its environment.
        var set = SlurmExecutor.WithEnvironmentRequest(SlurmSettings.Default with { Memory = "1G" },
            new Dictionary<string, string?> { ["SBATCH_MEM_PER_NODE"] = "16G" });
        Assert.Equal("1G", set.Memory);
    }
}
