namespace AiLab.Core.Workflows.Loading;

/// <summary>The <c>defaults:</c> section: values each workflow gets unless it sets the key itself.</summary>
internal sealed record WorkflowDefaults(
    TimeSpan? Timeout,
    int? Trials,
    int? Warmup,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>No defaults.</summary>
    public static readonly WorkflowDefaults None = new(null, null, null, new Dictionary<string, string>());
}
