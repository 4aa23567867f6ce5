namespace AiLab.Lab.Tests.Support;

/// <summary>Finds files of the repository the tests were built from, by walking up from the test binaries.</summary>
internal static class SourceTree
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds <c>Directory.Build.props</c> and <c>src/</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>An absolute path under the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "src", "AiLab.Lab")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
