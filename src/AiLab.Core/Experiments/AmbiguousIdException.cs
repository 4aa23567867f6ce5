namespace AiLab.Core.Experiments;

/// <summary>An id prefix that matches more than one experiment.</summary>
public sealed class AmbiguousIdException(string prefix, IReadOnlyList<string> matches)
    : Exception($"'{prefix}' matches {matches.Count} experiments ({string.Join(", ", matches.Take(5))}); give more of the id")
{
    /// <summary>The ids that matched.</summary>
    public IReadOnlyList<string> Matches { get; } = matches;
}
