using System.Globalization;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Typed readers for the values of mapping entries; each reports its problem and returns null on bad input.</summary>
internal sealed class ValueReader(DiagnosticBag bag)
{
    /// <summary>The bag problems go to.</summary>
    public DiagnosticBag Bag { get; } = bag;

    /// <summary>The entry's scalar, or null (reported) when it has no value or is a list or mapping.</summary>
    public ConfigScalar? Scalar(string key, ConfigEntry entry, string where, string expected, string? hint)
    {
        switch (entry.Value)
        {
            case ConfigScalar { IsNull: true }:
                Bag.Error(entry.Key, $"'{key}' {where} has no value", hint ?? "give it a value or remove the key");
                return null;
            case ConfigScalar scalar:
                return scalar;
            default:
                Bag.Error(entry.Value, $"'{key}' {where} must be {expected}, found {entry.Value.Describe()}", hint);
                return null;
        }
    }

    /// <summary>A non-empty string (plain numbers and booleans count as their text).</summary>
    public string? String(string key, ConfigEntry entry, string where, string hint)
    {
        var scalar = Scalar(key, entry, where, "a string", hint);
        if (scalar is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            Bag.Error(scalar, $"'{key}' {where} is empty", hint);
            return null;
        }

        return scalar.Value;
    }

    /// <summary>An integer of at least <paramref name="min"/>.</summary>
    public int? Integer(string key, ConfigEntry entry, string where, int min, string hint)
    {
        var expected = $"an integer >= {min}";
        var scalar = Scalar(key, entry, where, expected, hint);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsPlain)
        {
            Bag.Error(scalar, $"'{key}' {where} must be {expected}, found {scalar.Describe()}", $"remove the quotes; {hint}");
            return null;
        }

        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            var why = decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && scalar.Value.Any(char.IsDigit)
                ? "a whole number" : expected;
            Bag.Error(scalar, $"'{key}' {where} must be {why}, found {scalar.Describe()}", hint);
            return null;
        }

        if (number < min || number > int.MaxValue)
        {
            Bag.Error(scalar, $"'{key}' {where} must be {expected}, found {scalar.Value}", hint);
            return null;
        }

        return (int)number;
    }

    /// <summary>A positive duration such as <c>90s</c> or <c>1h30m</c>.</summary>
    public TimeSpan? Duration(string key, ConfigEntry entry, string where)
    {
        const string Hint = "write a positive number with a unit (ms, s, m, h), e.g. 250ms, 90s, 5m or 1h30m";
        var scalar = Scalar(key, entry, where, "a duration", Hint);
        if (scalar is null)
        {
            return null;
        }

        if (DurationParser.TryParse(scalar.Value, out var value, out var problem))
        {
            return value;
        }

        var hint = scalar.IsPlain && long.TryParse(scalar.Value, CultureInfo.InvariantCulture, out var bare) && bare > 0
            ? $"did you mean {bare}s? {Hint}"
            : Hint;
        Bag.Error(scalar, $"invalid duration '{scalar.Value}' for '{key}' {where}: {problem}", hint);
        return null;
    }

    /// <summary>A trial timeout: a duration no longer than <see cref="Trials.TrialTimeout.Maximum"/>.</summary>
    public TimeSpan? TrialTimeout(ConfigEntry entry, string where)
    {
        if (Duration("timeout", entry, where) is not { } value)
        {
            return null;
        }

        if (Trials.TrialTimeout.Problem(value) is { } problem)
        {
            var text = ((ConfigScalar)entry.Value).Value;
            Bag.Error(entry.Value, $"invalid duration '{text}' for 'timeout' {where}: {problem}",
                "a trial may run at most 720h (30 days); write a shorter timeout such as 2h");
            return null;
        }

        return value;
    }

    /// <summary>Environment variables; values may be strings, numbers or booleans, taken as written.</summary>
    public Dictionary<string, string>? Environment(ConfigEntry entry, string where)
    {
        const string Hint = "write env: {NAME: value} or one 'NAME: value' per line under env:";
        switch (entry.Value)
        {
            case ConfigScalar { IsNull: true }:
                Bag.Error(entry.Key, $"'env' {where} has no value", Hint);
                return null;
            case not ConfigMapping:
                Bag.Error(entry.Value, $"'env' {where} must be a mapping of NAME: value, found {entry.Value.Describe()}", Hint);
                return null;
        }

        var map = (ConfigMapping)entry.Value;
        var envWhere = $"in 'env' {where}";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, item) in MappingReader.Read(map, envWhere, null, Bag))
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                Bag.Error(item.Key, $"invalid environment variable name '{name}' {envWhere}",
                    "a name must be non-empty and contain neither '=' nor NUL");
                continue;
            }

            if (item.Value is ConfigScalar { IsNull: true })
            {
                Bag.Error(item.Key, $"environment variable '{name}' {envWhere} has no value", $"write {name}: \"\" for an empty value");
            }
            else if (item.Value is ConfigScalar value)
            {
                result[name] = value.Value;
            }
            else
            {
                Bag.Error(item.Value, $"environment variable '{name}' {envWhere} must be a string, number or boolean, found {item.Value.Describe()}",
                    $"quote the value to pass it as text, e.g. {name}: \"...\"");
            }
        }

        return result;
    }
}
