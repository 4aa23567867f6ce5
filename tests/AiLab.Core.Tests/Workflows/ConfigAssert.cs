using AiLab.Core.Workflows;

namespace AiLab.Core.Tests.Workflows;

/// <summary>Helpers that parse YAML written line by line and find the diagnostic a test is about.</summary>
internal static class ConfigAssert
{
    /// <summary>Joins lines with '\n' so that a test's line numbers are the indexes of its array plus one.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>Parses text that must be invalid and returns the exception.</summary>
    public static ConfigException Fails(string yaml) =>
        Assert.Throws<ConfigException>(() => WorkflowConfig.Parse(yaml, "ailab.yaml"));

    /// <summary>Asserts that a diagnostic sits at line:column, its problem contains every fragment, and returns it.</summary>
    public static ConfigDiagnostic HasError(ConfigException error, int line, int column, params string[] fragments)
    {
        var at = error.Diagnostics.Where(d => d.Line == line && d.Column == column).ToList();
        Assert.True(at.Count > 0, $"no diagnostic at {line}:{column}; got:\n{error.Message}");
        var match = at.FirstOrDefault(d => fragments.All(f => d.Problem.Contains(f, StringComparison.Ordinal)));
        Assert.True(match is not null, $"no diagnostic at {line}:{column} mentions [{string.Join(", ", fragments)}]; got:\n{error.Message}");
        Assert.Equal("ailab.yaml", match.File);
        return match;
    }
}
