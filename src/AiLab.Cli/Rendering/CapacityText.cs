using System.Globalization;
using System.Text;
using AiLab.Lab.Capacity;

namespace AiLab.Cli.Rendering;

/// <summary>The table of <c>ailab capacity</c>.</summary>
internal static class CapacityText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(CapacityReport report, int experiments, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var window = report.Since is { } since ? $"since {since.ToUniversalTime():yyyy-MM-dd HH:mm} UTC" : "all time";
        if (report.Total.Trials == 0)
        {
            sb.Append(Inv, $"No trials {window} in {databasePath}.").AppendLine();
            Budget(sb, report);
            return sb.ToString();
        }

        sb.Append(Inv, $"Capacity {window}: {report.Total.Experiments} experiments, {report.Total.Trials} trials")
            .AppendLine().AppendLine();
        Table(sb, "tier", [.. report.ByTier, report.Total]);
        sb.AppendLine();
        Table(sb, "workflow", report.ByWorkflow);
        if (experiments > 0 && report.ByExperiment.Count > 0)
        {
            sb.AppendLine();
            Table(sb, "experiment", report.ByExperiment.Take(experiments).ToList());
        }

        sb.AppendLine();
        Budget(sb, report);
        var methods = report.ByExperiment.Select(e => e.Saved.Method).Where(m => m != StopSavingsEstimate.None.Method)
            .Distinct(StringComparer.Ordinal).ToList();
        if (methods.Count > 0)
        {
            sb.AppendLine("Saved by stopping (estimated): each stopped trial is credited the median tail, after its")
                .AppendLine("last needed mark, of trials of the same workflow that ran to completion; per experiment:");
            foreach (var method in methods) sb.Append(Inv, $"  - {method}").AppendLine();
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string keyName, IReadOnlyList<CapacitySpend> rows)
    {
        var width = Math.Max(keyName.Length, rows.Max(r => r.Key.Length));
        sb.Append(Inv, $"{keyName.PadRight(width)}  {"exps",5} {"trials",7} {"failed",6} {"CPU s",10} {"wall s",10} "
                       + $"{"GPU s",8}  saved by stopping").AppendLine();
        foreach (var r in rows)
        {
            sb.Append(Inv, $"{r.Key.PadRight(width)}  {r.Experiments,5} {r.Trials,7} {r.FailedTrials,6} "
                           + $"{r.CpuSeconds,10:0.0} {r.WallSeconds,10:0.0} {r.GpuSeconds,8:0.0}  {Saved(r.Saved)}")
                .AppendLine();
        }
    }

    private static string Saved(StopSavingsEstimate saved) => saved switch
    {
        { StoppedTrials: 0 } => "-",
        { CpuSeconds: { } cpu, WallSeconds: { } wall } =>
            string.Create(Inv, $"~{cpu:0.0} CPU s, ~{wall:0.0} wall s ({saved.StoppedTrials} stopped)"),
        _ => string.Create(Inv, $"not estimated ({saved.StoppedTrials} stopped, no reference tail)"),
    };

    private static void Budget(StringBuilder sb, CapacityReport report)
    {
        if (report.Budget is not { } use)
        {
            sb.AppendLine("Budget: none set (add 'capacity: {cpu_hours: 40, per: week}' to ailab.yaml)");
            return;
        }

        var parts = new List<string>();
        if (use.Budget.CpuHours is { } cpu)
            parts.Add(string.Create(Inv, $"CPU {use.CpuHours:0.###} of {cpu:0.###} h ({use.CpuFraction:P1})"));
        if (use.Budget.GpuHours is { } gpu)
            parts.Add(string.Create(Inv, $"GPU {use.GpuHours:0.###} of {gpu:0.###} h ({use.GpuFraction:P1})"));
        var from = use.From.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", Inv);
        sb.Append(Inv, $"Budget per {use.Budget.PeriodName} (since {from} UTC): {string.Join("; ", parts)}")
            .AppendLine();
    }
}
