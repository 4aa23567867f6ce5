namespace AiLab.Bench.ChangePoints;

/// <summary>Finds the reference data: an explicit folder, or <c>data/reference</c> committed in the repository.</summary>
internal static class BenchData
{
    /// <summary>
    /// The data folder: <paramref name="explicitPath"/> when given, else <c>&lt;repo root&gt;/data/reference</c> with the
    /// repo root found by walking up from the working directory (then from the binaries) to the folder holding AiLab.slnx.
    /// Null, with <paramref name="error"/> set, when it does not exist.
    /// </summary>
    public static string? Locate(string? explicitPath, out string error)
    {
        error = "";
        string candidate;
        if (explicitPath is not null)
        {
            candidate = Path.GetFullPath(explicitPath);
        }
        else if (FindRepoRoot() is { } root)
        {
            candidate = Path.GetFullPath(Path.Combine(root, "data", "reference"));
        }
        else
        {
            error = "cannot find the repository root (no AiLab.slnx above the working directory or the binaries); pass --data DIR";
            return null;
        }

        if (!Directory.Exists(candidate))
        {
            error = $"data directory '{candidate}' does not exist; pass --data DIR (the folder holding tcpd/, tcpdbench/ and otava/)";
            return null;
        }

        return candidate;
    }

    /// <summary>The value after <paramref name="name"/> in the arguments, or null.</summary>
    public static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AiLab.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
