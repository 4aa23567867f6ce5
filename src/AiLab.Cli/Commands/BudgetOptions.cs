using System.CommandLine;
using System.Globalization;
using AiLab.Stats.Calibration;

namespace AiLab.Cli.Commands;

/// <summary>The false-positive budget in the owner's terms: <c>--budget 1/week --volume 500/week</c>, or a plain
/// ratio <c>--budget 1/1000</c> (one false alarm per thousand experiments).</summary>
internal sealed class BudgetOptions
{
    public Option<string> Budget { get; } = new("--budget")
    {
        Description = "False alarms you accept: '1/week' together with --volume, or '1/1000' (one per thousand experiments). Default 1/1000.",
        HelpName = "N/PERIOD|N/M",
        DefaultValueFactory = _ => "1/1000",
    };

    public Option<string?> Volume { get; } = new("--volume")
    {
        Description = "Experiments the lab runs in the same period, e.g. 500/week; needed when --budget names a period.",
        HelpName = "M/PERIOD",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Budget);
        command.Options.Add(Volume);
    }

    /// <summary>The budget, or a <see cref="UsageException"/> that says what is wrong and how to write it.</summary>
    public FalsePositiveBudget Parse(ParseResult parse)
    {
        var budget = parse.GetValue(Budget)!;
        var volume = parse.GetValue(Volume);
        var (alarms, per) = Split(budget, "--budget");
        try
        {
            if (double.TryParse(per, NumberStyles.Float, CultureInfo.InvariantCulture, out var experiments))
            {
                if (volume is not null)
                {
                    throw new UsageException(
                        $"--budget {budget} already says per how many experiments; leave out --volume or write --budget 1/week");
                }
                return FalsePositiveBudget.Create(alarms, experiments, "experiments");
            }

            if (volume is null)
            {
                throw new UsageException(
                    $"--budget {budget} names a period ({per}); say how many experiments run per {per} with --volume, " +
                    $"e.g. --volume 500/{per}");
            }
            var (count, period) = Split(volume, "--volume");
            if (period != per) throw new UsageException($"--budget is per {per} but --volume is per {period}; use the same period");
            return FalsePositiveBudget.Create(alarms, double.Parse(count.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), per);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--budget: {e.Message}");
        }
    }

    /// <summary>The budget in the owner's words, e.g. "1 false alarm per 1000 experiments" or "1 per week at 500 experiments per week".</summary>
    public static string Describe(FalsePositiveBudget budget) => budget.Period == "experiments"
        ? string.Create(CultureInfo.InvariantCulture, $"{budget.FalseAlarms:0.###} false alarm(s) per {budget.Experiments:0.###} experiments")
        : string.Create(CultureInfo.InvariantCulture,
            $"{budget.FalseAlarms:0.###} false alarm(s) per {budget.Period} at {budget.Experiments:0.###} experiments per {budget.Period}");

    private static (double Count, string Per) Split(string text, string option)
    {
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || parts[1].Length == 0)
            throw new UsageException($"{option} '{text}' is not N/PERIOD or N/M; e.g. {option} {(option == "--budget" ? "1/week or 1/1000" : "500/week")}");
        return (count, parts[1]);
    }
}
