using System.Globalization;
using System.Text;
using AiLab.Lab.Profiling.Diff;

namespace AiLab.Lab.Profiling.Rendering;

/// <summary>The profile diff as a terminal table: the findings in words, the functions that moved most, the imports
/// that left or entered the TTFB window.</summary>
public static class ProfileTable
{
    /// <summary>Renders <paramref name="diff"/> (the top <paramref name="rows"/> functions).</summary>
    public static string Render(ProfileDiffResult diff, ProfileReportFiles? files, double? overheadPct = null,
        int rows = 12)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(c, $"Profile diff  {diff.BaselineLabel}: {diff.BaselineTrials} profiled trials, median TTFB " +
            $"{diff.BaselineTtfbMs:0.#} ms; ");
        s.Append(c, $"{diff.CandidateLabel}: {diff.CandidateTrials}, {diff.CandidateTtfbMs:0.#} ms; sampled every " +
            $"{diff.IntervalMs:0.#} ms");
        if (overheadPct is { } o) s.Append(c, $"; profiler overhead on TTFB {o:+0.0;-0.0}%");
        s.Append('\n');
        s.Append(c, $"  {diff.Method}\n");
        Findings(s, diff);
        s.Append('\n');
        s.Append(c, $"{"function",-52} {"incl A",9} {"incl B",9} {"change",9} {"% TTFB",7} {"interval",19} {"self " +
            "chg",9}\n");
        foreach (var f in diff.Functions.Take(rows))
        {
            var v = f.Inclusive;
            var ci = v.LowMs is { } lo ? string.Create(c, $"[{lo:+0.0;-0.0}, {v.HighMs:+0.0;-0.0}]") : "below floor";
            s.Append(c, $"{Cut(f.Function, 51) + (v.Significant ? "*" : ""),-52} {v.BaselineMs,9:0.0} " +
                $"{v.CandidateMs,9:0.0} {v.DeltaMs,9:+0.0;-0.0} ");
            s.Append(c, $"{v.PctOfTtfb,7:+0.0;-0.0} {ci,19} {f.Self.DeltaMs,9:+0.0;-0.0}\n");
        }

        s.Append("  ms, medians over the profiled trials; * = above noise\n");
        foreach (var (title, list, pick) in new[]
                 {
                     ("Imports that left the TTFB window", diff.Imports.Left, (Func<Imports.ImportModule, double>)(m =>
                         m.BaselineMs)),
                     ("Imports that entered the TTFB window", diff.Imports.Entered, m => m.CandidateMs),
                 })
        {
            if (list.Count == 0) continue;
            s.Append(c, $"{title}: {string.Join(", ", list.Take(5).Select(m => string.Create(c, $"{m.Module} " +
                $"({pick(m):0.#} ms)")))}\n");
        }

        foreach (var problem in diff.Problems) s.Append(c, $"  warning: {problem}\n");
        if (files is not null) s.Append(c,
            $"Flame graph: {files.FlameGraphHtml}\nSpeedscope: {files.Speedscope}\nJSON: {files.Json}\n");
        return s.ToString();
    }

    /// <summary>The findings, one line each (what a verdict shows).</summary>
    public static void Findings(StringBuilder s, ProfileDiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.Findings.Count == 0)
        {
            s.Append("  no change above noise in the profiles\n");
            return;
        }

        foreach (var finding in diff.Findings)
        {
            var ci = finding.Change.LowMs is { } lo
                ? string.Create(CultureInfo.InvariantCulture,
                    $" [{lo:+0.#;-0.#}, {finding.Change.HighMs:+0.#;-0.#}] ms")
                : "";
            s.Append(CultureInfo.InvariantCulture, $"  finding: {finding.Summary}{ci}\n");
        }
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : "…" + text[^(width - 1)..];
}
