using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Collects the problems of one file so that the user sees all of them at once.</summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<ConfigDiagnostic> _diagnostics = [];

    /// <summary>Records a problem at a node's start.</summary>
    public void Error(ConfigNode at, string problem, string? hint = null) => Error(at.Line, at.Column, problem, hint);

    /// <summary>Records a problem at a 1-based position.</summary>
    public void Error(int line, int column, string problem, string? hint = null) =>
        _diagnostics.Add(new ConfigDiagnostic(file, line, column, problem, hint));

    /// <summary>Throws a <see cref="ConfigException"/> with every problem, in file order, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_diagnostics.Count > 0)
        {
            // OrderBy is stable: problems at the same position keep the order they were found in.
            throw new ConfigException(_diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList());
        }
    }
}
