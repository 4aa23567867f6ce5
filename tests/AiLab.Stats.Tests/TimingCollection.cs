namespace AiLab.Stats.Tests;

/// <summary>Tests that measure time run alone, after the parallel ones, so they time the code and not its neighbours.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Timing";
}
