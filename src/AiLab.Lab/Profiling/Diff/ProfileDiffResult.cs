using AiLab.Lab.Profiling.Imports;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>The profile diff of two variants: per function, per call path, the findings, the import view.</summary>
public sealed record ProfileDiffResult
{
    /// <summary>The baseline's label.</summary>
    public required string BaselineLabel { get; init; }

    /// <summary>The candidate's label.</summary>
    public required string CandidateLabel { get; init; }

    /// <summary>Profiled trials the baseline's medians come from.</summary>
    public required int BaselineTrials { get; init; }

    /// <summary>Profiled trials the candidate's medians come from.</summary>
    public required int CandidateTrials { get; init; }

    /// <summary>Median TTFB of the baseline's profiled trials.</summary>
    public required double BaselineTtfbMs { get; init; }

    /// <summary>The denominator of every "% of TTFB": the baseline's measured median TTFB when the profile belongs
    /// to an experiment with measured trials, else <see cref="BaselineTtfbMs"/>.</summary>
    public required double ReferenceTtfbMs { get; init; }

    /// <summary>Median TTFB of the candidate's profiled trials.</summary>
    public required double CandidateTtfbMs { get; init; }

    /// <summary>The sampling interval in milliseconds.</summary>
    public required double IntervalMs { get; init; }

    /// <summary>The smallest change named as a finding, in milliseconds.</summary>
    public required double FloorMs { get; init; }

    /// <summary>The confidence of the intervals.</summary>
    public required double Confidence { get; init; }

    /// <summary>Every function, largest change first.</summary>
    public required IReadOnlyList<FunctionDiff> Functions { get; init; }

    /// <summary>Every call path, largest change first.</summary>
    public required IReadOnlyList<StackDiff> Stacks { get; init; }

    /// <summary>The changes above noise, largest first, each named in plain words.</summary>
    public required IReadOnlyList<ProfileFinding> Findings { get; init; }

    /// <summary>The merged call tree of both variants' medians.</summary>
    public required FlameNode Tree { get; init; }

    /// <summary>Each phase's duration in the profiled trials (from the probe's marks, not the samples), so a finding
    /// can be set against the phase change measured in the same trials.</summary>
    public IReadOnlyDictionary<string, DiffValue> Phases { get; init; } = new Dictionary<string, DiffValue>();

    /// <summary>The import-time view.</summary>
    public required ImportView Imports { get; init; }

    /// <summary>Profiled trials that failed or left no profile.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The measured mean weight of one sample, in ms (<see cref="SamplingNoise"/>); null when the
    /// sampling-noise floor was off.</summary>
    public double? SampleMs { get; init; }

    /// <summary>The paths that could be findings, over which the sampling-noise floor is
    /// Bonferroni-corrected.</summary>
    public int? NoisePaths { get; init; }

    /// <summary>The sampling-noise floor in ms: a finding's change reaches it as well as
    /// <see cref="FloorMs"/>.</summary>
    public double? NoiseFloorMs { get; init; }

    /// <summary>The standard errors of counting noise a path's change must reach.</summary>
    public double? NoiseZ { get; init; }

    /// <summary>How the intervals and the noise floor are computed, in one sentence for the reports.</summary>
    public string Method =>
        FormattableString.Invariant($"medians over profiled trials; {Confidence * 100:0.#}% percentile-bootstrap ") +
        "interval over trials (Efron & Tibshirani 1993, ch. 13); " +
        FormattableString.Invariant($"a finding's interval excludes 0 and its change is at least {FloorMs:0.#} ms; ")
        + NoiseMethod + FormattableString.Invariant($"% of TTFB: of {ReferenceTtfbMs:0.#} ms");

    private string NoiseMethod => NoiseFloorMs is not { } noise ? "" : FormattableString.Invariant(
        $"and {noise:0.#} ms, {NoiseZ:0.##} standard errors of the counting noise of a path of that size ") +
        FormattableString.Invariant($"({SampleMs:0.##} ms a sample; Bonferroni over {NoisePaths} candidate paths, ") +
        "Dunn 1961); ";
}
