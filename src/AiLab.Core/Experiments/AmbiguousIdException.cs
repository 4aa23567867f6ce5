namespace AiLab.Core.Experiments;

/// <summary>An id prefix that matches more than one stored record (experiments, calibrations).</summary>
public sealed class AmbiguousIdException(string prefix, IReadOnlyList<string> matches, string what = "experiments")
    : Exception($"'{prefix}' matches {matches.Count} {what} ({string.Join(", ", matches.Take(5))}); give more of the id")
{
    /// <summary>The ids that matched.</summary>
    public IReadOnlyList<string> Matches { get; } = matches;
}
