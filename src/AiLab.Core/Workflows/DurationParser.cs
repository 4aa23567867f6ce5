using System.Globalization;

namespace AiLab.Core.Workflows;

/// <summary>Parses durations written like <c>250ms</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1h30m</c> or <c>1.5s</c>.</summary>
/// <remarks>Units are <c>h</c>, <c>m</c>, <c>s</c> and <c>ms</c>, lower case, each at most once and largest first
/// (so <c>5m5m</c>, a likely typo, is rejected). The duration must be positive: a zero timeout is never meant.</remarks>
public static class DurationParser
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    /// <summary>Parses <paramref name="text"/>; false for empty, negative, zero, unit-less or unknown-unit text.</summary>
    public static bool TryParse(string text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>Like <see cref="TryParse(string, out TimeSpan)"/>, with what is wrong when it returns false.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        problem = Check(text, out var ticks);
        if (problem is not null)
        {
            return false;
        }

        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static string? Check(string? text, out long ticks)
    {
        ticks = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "it is empty";
        }

        if (text.StartsWith('-'))
        {
            return "negative durations are not allowed";
        }

        decimal total = 0;
        var lastRank = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var number = text[start..i];
            if (number.Length == 0)
            {
                return $"expected a number at '{text[start..]}'";
            }

            if (!IsDecimal(number) || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return $"'{number}' is not a number";
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var unit = text[unitStart..i];
            if (unit.Length == 0)
            {
                return i < text.Length ? $"unexpected '{text[i]}'" : $"'{number}' has no unit";
            }

            var rank = Array.FindIndex(Units, u => u.Unit == unit);
            if (rank < 0)
            {
                return $"unknown unit '{unit}' (use ms, s, m or h)";
            }

            if (rank <= lastRank)
            {
                return "units must go from largest to smallest, each at most once (e.g. 1h30m)";
            }

            lastRank = rank;
            if (amount > (decimal)TimeSpan.MaxValue.Ticks / Units[rank].Ticks)
            {
                return "it is too long";
            }

            total += amount * Units[rank].Ticks;
            if (total > TimeSpan.MaxValue.Ticks)
            {
                return "it is too long";
            }
        }

        ticks = (long)Math.Round(total, MidpointRounding.AwayFromZero);
        return ticks > 0 ? null : "it must be greater than zero";
    }

    // decimal.TryParse accepts "1." and ".5"; a duration wants digits on both sides of the point.
    private static bool IsDecimal(string number)
    {
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || (dot > 0 && dot < number.Length - 1 && number.IndexOf('.', dot + 1) < 0);
    }
}
