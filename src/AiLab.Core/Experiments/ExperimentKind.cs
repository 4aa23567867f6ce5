namespace AiLab.Core.Experiments;

/// <summary>What an experiment compares.</summary>
public enum ExperimentKind
{
    /// <summary>Baseline against candidate, interleaved, with a verdict per metric.</summary>
    AB,

    /// <summary>N trials of one variant, for a measurement without a comparison (<c>ailab run</c>).</summary>
    Run,
}
