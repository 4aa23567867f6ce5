namespace AiLab.Lab;

/// <summary>Finds files that ship with ailab (the Python probe, the examples): next to the program when installed,
/// or up the source tree when run from a build folder.</summary>
public static class ShippedAssets
{
    /// <summary>The absolute path of <paramref name="relativePath"/>, or null when it is nowhere to be found.</summary>
    public static string? Find(string relativePath, bool directory)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (directory ? Directory.Exists(candidate) : File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
