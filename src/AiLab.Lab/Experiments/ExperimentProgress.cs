using AiLab.Core.Experiments;

namespace AiLab.Lab.Experiments;

/// <summary>What an experiment just did, for live progress displays.</summary>
public sealed record ExperimentProgress
{
    /// <summary>What happened.</summary>
    public required ExperimentProgressKind Kind { get; init; }

    /// <summary>The variant concerned (builds) or the trial's variant.</summary>
    public string? Variant { get; init; }

    /// <summary>Human-readable detail: the revision being built, a failure reason.</summary>
    public string? Message { get; init; }

    /// <summary>The trial that just finished.</summary>
    public TrialRecord? Trial { get; init; }

    /// <summary>Trials finished so far, including those of a resumed run.</summary>
    public int Done { get; init; }

    /// <summary>Trials in the whole schedule.</summary>
    public int Total { get; init; }
}

/// <summary>Kinds of progress event.</summary>
public enum ExperimentProgressKind
{
    /// <summary>A variant's build started.</summary>
    BuildStarted,

    /// <summary>A variant's build finished (or was reused from the cache).</summary>
    BuildFinished,

    /// <summary>A trial finished and was stored.</summary>
    TrialFinished,
}
