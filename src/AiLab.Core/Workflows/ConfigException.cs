namespace AiLab.Core.Workflows;

/// <summary>A configuration file is unreadable or invalid; carries every problem found, each with its position.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>An exception for one problem.</summary>
    public ConfigException(ConfigDiagnostic diagnostic)
        : this([diagnostic])
    {
    }

    /// <summary>An exception for one or more problems, in the order they should be shown.</summary>
    public ConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(Format(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <summary>The file of the first problem.</summary>
    public string File => Diagnostics[0].File;

    /// <summary>1-based line of the first problem, when it has one.</summary>
    public int? Line => Diagnostics[0].Line;

    /// <summary>1-based column of the first problem, when it has one.</summary>
    public int? Column => Diagnostics[0].Column;

    /// <summary>What is wrong, for the first problem.</summary>
    public string Problem => Diagnostics[0].Problem;

    /// <summary>How to fix the first problem, when there is a hint.</summary>
    public string? Hint => Diagnostics[0].Hint;

    private static string Format(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("a configuration error needs at least one diagnostic", nameof(diagnostics));
        }

        return string.Join('\n', diagnostics);
    }
}
