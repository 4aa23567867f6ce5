using AiLab.Core.Verdicts;

namespace AiLab.Application.Settings;

/// <summary>Parses the verdicts that fail a run (<c>fail-on</c>): a front end's exit status or alert.</summary>
public static class VerdictSettings
{
    /// <summary>Every verdict an experiment can end with.</summary>
    public static readonly IReadOnlyList<Verdict> Any =
        [Verdict.Regression, Verdict.Improvement, Verdict.Inconclusive, Verdict.NoChange];

    /// <summary>The verdicts a culprit can have: a bisection blames a change, never an inconclusive step.</summary>
    public static readonly IReadOnlyList<Verdict> Changes = [Verdict.Regression, Verdict.Improvement];

    /// <summary>The verdicts named in <paramref name="values"/> (each may be a comma-separated list of wire
    /// names).</summary>
    /// <exception cref="InvalidSettingException">An empty item, or a name that is not one of
    /// <paramref name="allowed"/>.</exception>
    public static IReadOnlyCollection<Verdict> FailOn(IEnumerable<string> values, IReadOnlyList<Verdict> allowed)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(allowed);
        var items = values.ToList();
        if (items.Any(string.IsNullOrWhiteSpace))
            throw new InvalidSettingException("fail-on", "is empty; name a verdict, e.g. regression");
        var verdicts = new HashSet<Verdict>();
        var split = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        foreach (var item in items.SelectMany(v => v.Split(',', split)))
        {
            var verdict = VerdictNames.FromWire(item);
            if (verdict is null || !allowed.Contains(verdict.Value))
            {
                throw new InvalidSettingException(
                    "fail-on", $"'{item}' is not one of: {string.Join(", ", allowed.Select(v => v.ToWire()))}");
            }

            verdicts.Add(verdict.Value);
        }

        return verdicts;
    }
}
