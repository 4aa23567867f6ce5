using YamlDotNet.Core;

namespace AiLab.Core.Workflows.Yaml;

/// <summary>A YAML scalar: its text as written and whether YAML would read it as null, a boolean or a number.</summary>
internal sealed class ConfigScalar(string value, ScalarStyle style, bool hasTag, int line, int column) : ConfigNode(line, column)
{
    private static readonly HashSet<string> NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> BoolWords = ["true", "True", "TRUE", "false", "False", "FALSE"];

    /// <summary>The text as written, without quotes.</summary>
    public string Value { get; } = value;

    /// <summary>True when the scalar is unquoted and untagged, i.e. YAML resolves its type from its text.</summary>
    public bool IsPlain { get; } = style == ScalarStyle.Plain && !hasTag;

    /// <summary>True for an absent value (<c>key:</c>, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull => IsPlain && NullWords.Contains(Value);

    /// <inheritdoc />
    public override string Describe()
    {
        if (IsNull)
        {
            return "no value";
        }

        var shown = Value.Length > 40 ? Value[..37] + "..." : Value;
        if (IsPlain && BoolWords.Contains(Value))
        {
            return $"the boolean '{shown}'";
        }

        return IsPlain && double.TryParse(Value, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? $"the number '{shown}'"
            : $"the string '{shown}'";
    }
}
