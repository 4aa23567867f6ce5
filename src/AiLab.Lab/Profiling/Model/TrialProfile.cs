namespace AiLab.Lab.Profiling.Model;

/// <summary>What one profiled trial recorded in its TTFB window: sampled stacks, imports and, for a call-count
/// trial, call counts.</summary>
public sealed record TrialProfile
{
    /// <summary>The variant's label (A or B).</summary>
    public required string Variant { get; init; }

    /// <summary>The trial's TTFB as the harness measured it (spawn to <c>first_batch</c>), in milliseconds.</summary>
    public required double TtfbMs { get; init; }

    /// <summary>From spawn to the profiler's start (interpreter start-up, <c>site</c>): measured, not
    /// sampled.</summary>
    public required double UnprofiledMs { get; init; }

    /// <summary>The sampling interval the profiler was asked for, in milliseconds.</summary>
    public required double IntervalMs { get; init; }

    /// <summary>The frames the stacks index.</summary>
    public required IReadOnlyList<ProfileFrame> Frames { get; init; }

    /// <summary>The sampled stacks inside the TTFB window.</summary>
    public required IReadOnlyList<SampledStack> Stacks { get; init; }

    /// <summary>Every import the trial made, in the window or after it.</summary>
    public required IReadOnlyList<ImportRecord> Imports { get; init; }

    /// <summary>The trial's phase durations as the harness measured them (milliseconds by phase).</summary>
    public IReadOnlyDictionary<string, double> Phases { get; init; } = new Dictionary<string, double>();

    /// <summary>Call counts (only from a call-count trial; its times are not used).</summary>
    public IReadOnlyList<CallCount> Calls { get; init; } = [];

    /// <summary>The profile file it was read from.</summary>
    public string? Path { get; init; }
}
