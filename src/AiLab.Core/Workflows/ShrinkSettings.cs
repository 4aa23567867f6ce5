namespace AiLab.Core.Workflows;

/// <summary>A workflow's own instructions to the shrinker (<c>shrink:</c> in ailab.yaml), on top of its
/// rules.</summary>
public sealed record ShrinkSettings
{
    /// <summary>No overrides.</summary>
    public static readonly ShrinkSettings None = new();

    /// <summary>Values to set, by key (a flag name like <c>--steps</c>, or a config key, dotted for nesting:
    /// <c>model.layers</c>), each as a JSON literal (<c>1</c>, <c>"cpu"</c>, <c>[64, 32]</c>).</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys the rules must leave as they are.</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>Config files (relative to the workflow's directory) to shrink although the command line does not
    /// name them, e.g. a script's default config.</summary>
    public IReadOnlyList<string> Configs { get; init; } = [];
}
