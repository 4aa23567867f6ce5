using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Experiments;

namespace AiLab.Cli.Rendering;

/// <summary>The profile an experiment keeps (<see cref="Experiment.Profile"/>) in <c>ailab show</c>: a "Profile
/// findings" section under the verdict, and <c>profile</c> in its JSON.</summary>
internal static class StoredProfileReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(StringBuilder sb, ExperimentProfile? profile)
    {
        if (profile is null) return;
        sb.AppendLine().AppendLine("Profile findings (extra profiled trials; the verdict never saw them)");
        if (profile.Error is { } error)
        {
            sb.Append(Inv, $"  none: {error}").AppendLine();
            return;
        }

        if (profile.Findings.Count == 0) sb.AppendLine("  no change above noise");
        for (var i = 0; i < profile.Findings.Count; i++)
            sb.Append(Inv, $"  {i + 1}. {profile.Findings[i].Summary}").AppendLine();
        if (profile.OverheadPct is { } overhead)
            sb.Append(Inv, $"  profiler overhead on TTFB: {overhead:+0.0;-0.0}%").AppendLine();
        if (profile.FlameGraphHtml is { } html) sb.Append(Inv, $"  flame graph  {html}").AppendLine();
        if (profile.Json is { } json) sb.Append(Inv, $"  diff (JSON)  {json}").AppendLine();
        if (profile.Speedscope is { } speedscope) sb.Append(Inv, $"  speedscope   {speedscope}").AppendLine();
    }

    public static void Write(Utf8JsonWriter w, ExperimentProfile? profile)
    {
        if (profile is null) return;
        w.WriteStartObject("profile");
        w.WriteStartArray("findings");
        foreach (var f in profile.Findings)
        {
            w.WriteStartObject();
            w.WriteString("summary", f.Summary);
            w.WriteStartArray("path");
            foreach (var frame in f.Path) w.WriteStringValue(frame);
            w.WriteEndArray();
            if (f.Phase is null) w.WriteNull("phase"); else w.WriteString("phase", f.Phase);
            w.WriteNumber("change_ms", Math.Round(f.ChangeMs, 2));
            w.WriteNumber("pct_of_ttfb", Math.Round(f.PctOfTtfb, 2));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (profile.Folder is null) w.WriteNull("files");
        else
        {
            w.WriteStartObject("files");
            w.WriteString("folder", profile.Folder);
            w.WriteString("json", profile.Json);
            w.WriteString("flamegraph_html", profile.FlameGraphHtml);
            w.WriteString("speedscope", profile.Speedscope);
            w.WriteEndObject();
        }

        if (profile.OverheadPct is { } o) w.WriteNumber("overhead_pct", Math.Round(o, 2));
        else w.WriteNull("overhead_pct");
        if (profile.Error is { } error) w.WriteString("error", error);
        w.WriteEndObject();
    }
}
