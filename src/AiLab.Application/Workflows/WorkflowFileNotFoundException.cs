namespace AiLab.Application.Workflows;

/// <summary>A workflow file was needed and none was found where the lab looks (<see cref="WorkflowFiles"/>), or the
/// one named does not exist. Front ends add how to name one (the command line: <c>--config FILE</c>).</summary>
public sealed class WorkflowFileNotFoundException : Exception
{
    /// <summary>Creates the exception for a search of <paramref name="searched"/> for what <paramref name="purpose"/>
    /// needs, or for the missing file <paramref name="path"/>.</summary>
    public WorkflowFileNotFoundException(string purpose, IReadOnlyList<string> searched, string? path = null)
        : base(path is not null
            ? $"config file {path} does not exist"
            : $"{purpose} needs a workflow file: no ailab.yaml in {string.Join(" or ", searched)}")
    {
        Purpose = purpose;
        Searched = searched;
        Path = path;
    }

    /// <summary>What needed the file, in the domain's words, e.g. "the release suite".</summary>
    public string Purpose { get; }

    /// <summary>The directories searched, in order.</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>The file that was named but does not exist; null when none was named.</summary>
    public string? Path { get; }
}
