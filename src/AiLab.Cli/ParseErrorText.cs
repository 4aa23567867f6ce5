using System.Text.RegularExpressions;

namespace AiLab.Cli;

/// <summary>Rewrites System.CommandLine's parse errors in the domain's words: its "cannot parse" message names .NET
/// types (<c>System.Nullable`1[System.Int32]</c>), which tell a user nothing about what to type.</summary>
internal static partial class ParseErrorText
{
    /// <summary>The message to show for one parse error.</summary>
    public static string Describe(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success) return StripTypeNames(message);
        var (value, name, type) = (match.Groups["value"].Value, match.Groups["name"].Value, match.Groups["type"].Value);
        var expected = type switch
        {
            _ when Names(type, "Int32", "Int64") =>
                DigitsOnly().IsMatch(value)
                    ? "too large: give a whole number below 2147483648"
                    : "not a whole number (e.g. 10)",
            _ when Names(type, "Double", "Decimal") => "not a number (e.g. 0.05; use a point, not a comma)",
            _ when Names(type, "Boolean") => "not true or false",
            _ => "not a valid value",
        };
        return $"{name} '{value}' is {expected}";
    }

    private static bool Names(string type, params string[] names) =>
        names.Any(n => type.Contains(n, StringComparison.Ordinal));

    private static string StripTypeNames(string message) => TypeName().Replace(message, "a value of the right kind");

    [GeneratedRegex(
        @"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' "
        + @"as expected type '(?<type>[^']*)'\.?$",
        RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex DigitsOnly();

    [GeneratedRegex(@"'?System\.[\w`.\[\], ]+'?")]
    private static partial Regex TypeName();
}
