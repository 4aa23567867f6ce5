namespace AiLab.Core.Incidents;

/// <summary>An id prefix that matches more than one incident.</summary>
public sealed class AmbiguousIncidentIdException(string prefix, IReadOnlyList<string> matches)
    : Exception($"'{prefix}' matches {matches.Count} incidents ({string.Join(", ", matches.Take(5))}); give more of the id")
{
    /// <summary>The ids that matched.</summary>
    public IReadOnlyList<string> Matches { get; } = matches;
}
