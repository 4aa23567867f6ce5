using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;

namespace AiLab.Server.Dashboard;

/// <summary>The experiment page's "Profile findings": where the time went by the profile diff kept with the
/// experiment (<c>ab --profile</c>), and where its files are on the machine that ran it.</summary>
internal static class ProfileFindingsSection
{
    public static void Render(StringBuilder html, ExperimentProfile? profile)
    {
        if (profile is null) return;
        html.Append("<section class=\"profile\" id=\"profile\"><h2>Profile findings</h2>")
            .Append("<p>From extra, profiled trials of both variants; the verdict above never saw them.</p>");
        if (profile.Error is { } error)
        {
            html.Append("<p class=\"empty\">No profile: ").Append(Html.E(error)).Append("</p></section>");
            return;
        }

        if (profile.Findings.Count == 0) html.Append("<p class=\"empty\">No change above noise.</p>");
        else
        {
            html.Append("<ol class=\"findings\">");
            foreach (var f in profile.Findings) html.Append("<li>").Append(Html.E(f.Summary)).Append("</li>");
            html.Append("</ol>");
        }

        html.Append("<dl class=\"facts\">");
        if (profile.OverheadPct is { } overhead)
            html.Append(CultureInfo.InvariantCulture,
                $"<dt>profiler overhead on TTFB</dt><dd>{overhead:+0.0;-0.0}%</dd>");
        // Paths on the machine that ran the experiment: the server may not be that machine, so they are not links.
        foreach (var (name, path) in new[] { ("flame graph", profile.FlameGraphHtml), ("diff (JSON)", profile.Json),
                     ("speedscope", profile.Speedscope) })
        {
            if (path is not null) html.Append("<dt>").Append(name).Append("</dt><dd><code>").Append(Html.E(path))
                .Append("</code></dd>");
        }

        html.Append("</dl></section>");
    }
}
