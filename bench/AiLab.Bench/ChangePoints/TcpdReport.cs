using System.Globalization;
using System.Text;

namespace AiLab.Bench.ChangePoints;

/// <summary>The Markdown tables of the TCPD evaluation: F1 and covering per series, then the means.</summary>
internal sealed class TcpdReport(
    IReadOnlyList<TcpdSeries> series,
    IReadOnlyList<TcpdMethod> methods,
    IReadOnlyDictionary<string, TcpdScore[]> results,
    Func<string, double?[]> published,
    IReadOnlyList<string> publishedNames)
{
    /// <summary>The whole report.</summary>
    public string Render(IReadOnlyList<string> absent)
    {
        var text = new StringBuilder();
        var publishedBySeries = series.ToDictionary(s => s.Name, s => published(s.Name));
        text.AppendLine(CultureInfo.InvariantCulture, $"TCPD series present: {series.Count}; absent (no data file): {(absent.Count == 0 ? "none" : string.Join(", ", absent))}.");
        text.AppendLine("Published columns are TCPDBench's default-setting F1 (null = the method failed there, shown as —).");
        text.AppendLine();

        text.AppendLine("### F1 (margin 5) per series");
        text.AppendLine();
        text.AppendLine("| series | n | " + string.Join(" | ", methods.Select(m => m.Column)) + " | " + string.Join(" | ", publishedNames) + " |");
        text.AppendLine("| --- | ---: | " + string.Join(" | ", Enumerable.Repeat("---:", methods.Count + publishedNames.Count)) + " |");
        foreach (var s in series)
        {
            var ours = results[s.Name].Select(r => Number(r.F1) + $" ({r.Found})");
            var theirs = publishedBySeries[s.Name].Select(v => v is { } x ? Number(x) : "—");
            var name = s.Dimensions.Count > 1 ? $"{s.Name} ({s.Dimensions.Count}-D)" : s.Missing > 0 ? $"{s.Name} ({s.Missing} filled)" : s.Name;
            text.AppendLine($"| {name} | {s.Length} | " + string.Join(" | ", ours.Concat(theirs)) + " |");
        }

        text.AppendLine();
        text.AppendLine("(n) after our F1 = number of change points found.");
        text.AppendLine();
        text.AppendLine("### Covering per series");
        text.AppendLine();
        text.AppendLine("| series | " + string.Join(" | ", methods.Select(m => m.Column)) + " |");
        text.AppendLine("| --- | " + string.Join(" | ", Enumerable.Repeat("---:", methods.Count)) + " |");
        foreach (var s in series)
        {
            text.AppendLine($"| {s.Name} | " + string.Join(" | ", results[s.Name].Select(r => Number(r.Covering))) + " |");
        }

        text.AppendLine();
        AppendMeans(text, publishedBySeries);
        return text.ToString();
    }

    private void AppendMeans(StringBuilder text, Dictionary<string, double?[]> publishedBySeries)
    {
        // Two fair views of the published methods' failures (run_log is 2-D, uk_coal_employ has gaps): the series where
        // every method has a score, and all series with a failure scored 0.
        var common = series.Where(s => publishedBySeries[s.Name].All(v => v is not null)).ToList();
        text.AppendLine("### Means");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| method | mean F1, all {series.Count} (failure = 0) | mean F1, {common.Count} where all have a score | mean covering, all {series.Count} |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        for (var m = 0; m < methods.Count; m++)
        {
            var all = series.Average(s => results[s.Name][m].F1);
            var shared = common.Average(s => results[s.Name][m].F1);
            var covering = series.Average(s => results[s.Name][m].Covering);
            text.AppendLine($"| {methods[m].Column} | {Number(all)} | {Number(shared)} | {Number(covering)} |");
        }

        for (var p = 0; p < publishedNames.Count; p++)
        {
            var all = series.Average(s => publishedBySeries[s.Name][p] ?? 0);
            var shared = common.Average(s => publishedBySeries[s.Name][p]!.Value);
            text.AppendLine($"| {publishedNames[p]} (published) | {Number(all)} | {Number(shared)} | — |");
        }
    }

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
