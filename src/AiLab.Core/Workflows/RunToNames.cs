namespace AiLab.Core.Workflows;

/// <summary>The names of <see cref="RunTo"/> in ailab.yaml (<c>run_to:</c>) and on the command line (<c>--run-to</c>).</summary>
public static class RunToNames
{
    /// <summary>Every name, by value.</summary>
    public static readonly IReadOnlyDictionary<string, RunTo> All = new Dictionary<string, RunTo>(StringComparer.Ordinal)
    {
        ["marks"] = RunTo.Marks,
        ["completion"] = RunTo.Completion,
    };

    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Of(RunTo value) => value == RunTo.Completion ? "completion" : "marks";
}
