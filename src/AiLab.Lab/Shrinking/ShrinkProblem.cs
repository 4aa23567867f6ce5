namespace AiLab.Lab.Shrinking;

/// <summary>Something the shrinker does not understand, so it derives nothing.</summary>
/// <param name="Where">The config file (relative to the workflow's directory), <c>command line</c> or
/// <c>ailab.yaml</c>.</param>
/// <param name="Key">The key or flag it could not shrink.</param>
/// <param name="Reason">Why, and how to fix it.</param>
public sealed record ShrinkProblem(string Where, string Key, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Where}: '{Key}': {Reason}";
}
