using System.Text.Json.Nodes;

namespace AiLab.Lab.Shrinking;

/// <summary>One convention the shrinker knows: the key names it applies to (compared lowercase, without
/// <c>-</c> and <c>_</c>, so <c>--max-steps</c>, <c>max_steps</c> and <c>maxSteps</c> are one name) and how it
/// shrinks a value. <see cref="Apply"/> returns the new value, or null with <c>problem</c> set when the value is
/// not of a kind the rule understands.</summary>
/// <param name="Name">The rule, as reports name it (<c>iterations</c>, <c>data subset</c>, ...).</param>
/// <param name="Keys">Normalized key names.</param>
/// <param name="Apply">(production value, the mapping holding it or null) → shrunk value or problem.</param>
public sealed record ShrinkRule(string Name, IReadOnlySet<string> Keys, ShrinkRule.Transform Apply)
{
    /// <summary>Shrinks one value.</summary>
    public delegate JsonNode? Transform(JsonNode? value, JsonObject? siblings, out string? problem);

    /// <summary>The normalized form of a key or flag name.</summary>
    public static string Normalize(string key) =>
        key.TrimStart('-').Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .ToLowerInvariant();
}
