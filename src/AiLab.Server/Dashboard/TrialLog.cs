using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;

namespace AiLab.Server.Dashboard;

/// <summary>The trials table of an experiment page, each with the tail of its log when the file is still there.
/// </summary>
internal static class TrialLog
{
    /// <summary>How much of the end of a log a page shows.</summary>
    private const int TailBytes = 4096;

    public static void Render(StringBuilder html, IReadOnlyList<TrialRecord> trials)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"trials\"><h2>Trials ({trials.Count})</h2>")
            .Append("<div class=\"scroll\"><table id=\"trials\"><thead><tr>")
            .Append("<th>#</th><th>variant</th><th>status</th><th>TTFB</th><th>wall</th><th>log</th>")
            .Append("</tr></thead><tbody>");
        foreach (var t in trials)
        {
            var r = t.Result;
            var status = r.Succeeded ? "ok" : $"{r.Failure}: {r.Reason}";
            var ttfb = r.TtfbMs is { } ms ? Html.N(ms) + " ms" : "–";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"trial\"><td>{t.Sequence}")
                .Append(t.IsWarmup ? " (warm-up)" : "")
                .Append(CultureInfo.InvariantCulture, $"</td><td>{Html.E(t.Variant)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(status)}</td><td>{ttfb}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.N(r.WallMs)} ms</td><td>")
                .Append(Tail(r.LogPath)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static string Tail(string? path)
    {
        if (path is null) return "–";
        try
        {
            using var stream = File.OpenRead(path);
            var skip = Math.Max(0, stream.Length - TailBytes);
            stream.Seek(skip, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var cut = skip > 0 ? $"(last {TailBytes} bytes)\n" : "";
            return $"<details><summary>log</summary><pre>{Html.E(cut + text)}</pre></details>";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"<span title=\"{Html.E(path)}\">log gone</span>";
        }
    }
}
