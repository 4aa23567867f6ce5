namespace AiLab.Core.Footprints;

/// <summary>Which source files of its repository a workflow loads at one revision: the files the probe saw
/// imported, plus the path globs the workflow declares (<c>footprint:</c> in ailab.yaml) for workloads the probe
/// cannot see into. A change touches the workflow when a changed path is one of <see cref="Files"/> or matches one
/// of <see cref="Globs"/>.</summary>
public sealed record Footprint
{
    /// <summary>The workflow's name.</summary>
    public required string Workflow { get; init; }

    /// <summary>The full commit the trials ran; empty for a working tree that is not a commit.</summary>
    public required string Revision { get; init; }

    /// <summary>Repository-relative paths (forward slashes) of the source files loaded, sorted.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Declared repository-relative globs (<c>*</c>, <c>?</c>, <c>**</c>).</summary>
    public IReadOnlyList<string> Globs { get; init; } = [];

    /// <summary>Every module name loaded (inside the repository or not), sorted: what fidelity compares.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>True when <paramref name="path"/> (repository-relative) is part of this footprint.</summary>
    public bool Touches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalized = path.Replace('\\', '/');
        return Files.Contains(normalized, StringComparer.Ordinal) || Globs.Any(g => PathGlob.Matches(g, normalized));
    }
}
