namespace AiLab.Execution.Tests.Processes;

/// <summary>Tests that run real workloads share a collection so that they do not run at the same time: the CPU and
/// memory hogs would otherwise distort the timing assertions of the others on a two-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class LocalProcessCollection
{
    public const string Name = "Local processes";
}
