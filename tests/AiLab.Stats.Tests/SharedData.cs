namespace AiLab.Stats.Tests;

/// <summary>Finds the project's shared reference data (the <c>shared/</c> folder beside the repository clone).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> PerfolizerDirectory = new(FindPerfolizerDirectory);

    /// <summary>The full path of a file in <c>shared/data/perfolizer</c>.</summary>
    public static string PerfolizerFile(string name) => Path.Combine(PerfolizerDirectory.Value, name);

    // Walking up from the test binaries covers both layouts: shared/ inside an ancestor of the clone, and
    // shared/ beside the clone (/work/main + /work/shared here, <clone>/../shared in CI), since the clone's
    // parent is an ancestor too.
    private static string FindPerfolizerDirectory()
    {
        var relative = Path.Combine("shared", "data", "perfolizer");
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No '{relative}' folder in any parent of {AppContext.BaseDirectory}. The reference vectors live in the " +
            "shared/ folder beside the repository clone (<clone>/../shared).");
    }
}
