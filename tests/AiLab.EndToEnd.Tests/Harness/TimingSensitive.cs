namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>Tests whose verdict depends on measured time run alone, after the others, so that the suite's own
/// parallel work does not add noise to the 60 ms effects they must detect.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
