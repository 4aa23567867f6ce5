namespace AiLab.Core.Workflows;

/// <summary>One problem found in a configuration file, with where it is and how to fix it.</summary>
/// <param name="File">The file as the user named it (e.g. <c>ailab.yaml</c>).</param>
/// <param name="Line">1-based line of the offending node; null when the problem has no position (e.g. a missing file).</param>
/// <param name="Column">1-based column of the offending node; null when <paramref name="Line"/> is.</param>
/// <param name="Problem">What is wrong, in one sentence.</param>
/// <param name="Hint">How to fix it; null when the problem says it all.</param>
public sealed record ConfigDiagnostic(string File, int? Line, int? Column, string Problem, string? Hint)
{
    /// <summary>The diagnostic formatted like a compiler's: <c>file:line:col: error: problem</c>, then an indented hint line.</summary>
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}:{Column ?? 1}" : File;
        return Hint is null ? $"{where}: error: {Problem}" : $"{where}: error: {Problem}\n  hint: {Hint}";
    }
}
