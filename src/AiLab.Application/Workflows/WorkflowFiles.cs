using AiLab.Core.Workflows;

namespace AiLab.Application.Workflows;

/// <summary>Where the lab finds the workflow file when none is named: <c>ailab.yaml</c> (or <c>ailab.yml</c>) in the
/// repository's root, else in the current directory. The one lookup every command and front end uses.</summary>
public static class WorkflowFiles
{
    /// <summary>The file names looked for, in order.</summary>
    public static readonly IReadOnlyList<string> Names = ["ailab.yaml", "ailab.yml"];

    /// <summary>The directories searched, in order: the repository root (when known), then the current
    /// directory.</summary>
    public static IReadOnlyList<string> SearchPath(string? repositoryRoot, string currentDirectory) =>
        new[] { repositoryRoot, currentDirectory }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The workflow file found in <see cref="SearchPath"/>; null when there is none.</summary>
    public static string? Find(string? repositoryRoot, string currentDirectory) =>
        SearchPath(repositoryRoot, currentDirectory)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>The file to read: <paramref name="explicitPath"/> if given (it must exist), else the one
    /// <see cref="Find"/> finds.</summary>
    /// <param name="explicitPath">The file the user named, or null.</param>
    /// <param name="repositoryRoot">The repository's root, or null.</param>
    /// <param name="currentDirectory">The directory the request came from.</param>
    /// <param name="purpose">What needs the file, for the message, e.g. "workflow train".</param>
    /// <exception cref="WorkflowFileNotFoundException">No file, or the named one does not exist.</exception>
    public static string Locate(string? explicitPath, string? repositoryRoot, string currentDirectory, string purpose)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new WorkflowFileNotFoundException(purpose, [], explicitPath);
        }

        return Find(repositoryRoot, currentDirectory)
            ?? throw new WorkflowFileNotFoundException(purpose, SearchPath(repositoryRoot, currentDirectory));
    }

    /// <summary>Loads the suite <see cref="Locate"/> finds.</summary>
    /// <exception cref="WorkflowFileNotFoundException">No file.</exception>
    /// <exception cref="ConfigException">The file is not a valid workflow file (each problem with
    /// file:line).</exception>
    public static (string Path, WorkflowSuite Suite) Load(
        string? explicitPath, string? repositoryRoot, string currentDirectory, string purpose)
    {
        var path = Locate(explicitPath, repositoryRoot, currentDirectory, purpose);
        return (path, WorkflowConfig.Load(path));
    }
}
