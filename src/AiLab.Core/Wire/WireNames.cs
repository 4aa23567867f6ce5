using System.Text.Json;

namespace AiLab.Core.Wire;

/// <summary>The one convention for an enum value as text wherever it leaves the process as data (the JSON contract,
/// reports, messages): snake_case of the member's name (<c>NoChange</c> → <c>no_change</c>, <c>Completed</c> →
/// <c>completed</c>, <c>AB</c> → <c>ab</c>).</summary>
public static class WireNames
{
    /// <summary>The wire name of <paramref name="value"/>.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The member whose wire name is <paramref name="name"/>; null when none is.</summary>
    public static TEnum? Parse<TEnum>(string? name)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(name)) return null;
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(value), name, StringComparison.Ordinal)) return value;
        }

        return null;
    }

    /// <summary>Like <see cref="Parse{TEnum}"/>, but also reads the spellings older writers used: PascalCase,
    /// camelCase, lower case without underscores (<c>NoChange</c>, <c>noChange</c>, <c>nochange</c>).</summary>
    public static TEnum? ParseTolerant<TEnum>(string? name)
        where TEnum : struct, Enum
    {
        if (Parse<TEnum>(name) is { } exact) return exact;
        if (string.IsNullOrEmpty(name)) return null;
        var bare = name.Replace("_", "", StringComparison.Ordinal);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), bare, StringComparison.OrdinalIgnoreCase)) return value;
        }

        return null;
    }
}
