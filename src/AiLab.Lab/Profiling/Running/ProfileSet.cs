using AiLab.Lab.Profiling.Model;

namespace AiLab.Lab.Profiling.Running;

/// <summary>The profiled trials of an experiment's two variants, read back from their profile files.</summary>
public sealed record ProfileSet
{
    /// <summary>The baseline's label.</summary>
    public required string BaselineLabel { get; init; }

    /// <summary>The candidate's label.</summary>
    public required string CandidateLabel { get; init; }

    /// <summary>The baseline's sampled trials.</summary>
    public required IReadOnlyList<TrialProfile> Baseline { get; init; }

    /// <summary>The candidate's sampled trials.</summary>
    public required IReadOnlyList<TrialProfile> Candidate { get; init; }

    /// <summary>Call counts of the baseline's call-count trial, if one ran.</summary>
    public IReadOnlyList<CallCount> BaselineCalls { get; init; } = [];

    /// <summary>Call counts of the candidate's call-count trial, if one ran.</summary>
    public IReadOnlyList<CallCount> CandidateCalls { get; init; } = [];

    /// <summary>Profiled trials that failed or left no readable profile, with why.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The folder holding the trials' files and the rendered reports.</summary>
    public required string Folder { get; init; }
}
