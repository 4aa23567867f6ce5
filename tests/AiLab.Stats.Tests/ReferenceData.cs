namespace AiLab.Stats.Tests;

/// <summary>
/// The published reference data committed under <c>data/reference</c> (Perfolizer, Otava, TCPD, TCPDBench; each
/// folder's README names its origin, version and licence). The tests read nothing outside the repository.
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<string> Directory = new(FindDirectory);

    /// <summary>The full path of a file under <c>data/reference</c>, e.g. <c>File("otava",
    /// "small_cases.json")</c>.</summary>
    /// <exception cref="FileNotFoundException">The file is not there: a vector that cannot be read is a failure,
    /// never a skip.</exception>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Directory.Value, .. parts]);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Reference file '{path}' is missing. It is committed with the repository under data/reference/; " +
                "restore it with 'git checkout -- data/reference'.", path);
        }

        return path;
    }

    // The repository root is the first folder above the test binaries that holds AiLab.slnx.
    private static string FindDirectory()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var directory = start; directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "AiLab.slnx")))
            {
                var data = Path.Combine(directory.FullName, "data", "reference");
                return System.IO.Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException(
                        $"'{data}' does not exist: the reference data is committed with the repository; " +
                        "restore it with 'git checkout -- data/reference'.");
            }
        }

        throw new DirectoryNotFoundException(
            $"No AiLab.slnx in any parent of {AppContext.BaseDirectory}: "
            + "the tests must run from inside the repository.");
    }
}
