namespace AiLab.Core.Workflows;

/// <summary>What a workflow's working directory may be: relative to the repository root and never leaving it. One
/// rule for <c>workdir:</c> in ailab.yaml and <c>--workdir</c> on the command line.</summary>
public static class WorkdirRule
{
    /// <summary>The hint shown with every workdir problem.</summary>
    public const string Hint = "give a directory relative to the repository root, e.g. examples/pytorch-train";

    /// <summary>What is wrong with <paramref name="dir"/>, or null when it is a valid workdir.</summary>
    public static string? Problem(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (string.IsNullOrWhiteSpace(dir))
            return "is empty";
        if (Path.IsPathRooted(dir) || dir.StartsWith('\\') || (dir.Length >= 2 && dir[1] == ':'))
            return $"must be relative to the repository root, found the absolute path '{dir}'";
        if (dir.Contains('\0', StringComparison.Ordinal))
            return $"('{dir.Replace("\0", "\\0", StringComparison.Ordinal)}') contains a NUL character";

        var depth = 0;
        foreach (var segment in dir.Split('/', '\\'))
        {
            depth += segment switch { ".." => -1, "" or "." => 0, _ => 1 };
            if (depth < 0)
                return $"('{dir}') leaves the repository root with '..'";
        }

        return null;
    }
}
