namespace AiLab.Probe.Tests;

/// <summary>Tests that read the test host's own CPU time: nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuStampCollection
{
    public const string Name = "cpu-stamp";
}
