using System.Globalization;
using System.Text;
using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;

namespace AiLab.Notifications.Rendering;

/// <summary>An incident as Markdown: the GitHub issue body, the e-mail text and the Markdown sink's file.</summary>
public static class IncidentMarkdown
{
    /// <summary>The marker every rendering carries, so a sink can find an incident it already has.</summary>
    public static string Marker(string incidentId) => $"<!-- ailab-incident: {incidentId} -->";

    /// <summary>The body, without a title (sinks put <see cref="Incident.Title"/> where their format wants it).</summary>
    public static string Body(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var c = incident.Culprit;
        var ch = incident.Change;
        var sb = new StringBuilder();
        var what = incident.Phase is null ? $"`{incident.Metric}`" : $"`{incident.Metric}` (phase `{incident.Phase}`)";
        Line(sb, $"AiLab attributes a {what} regression of workflow `{incident.Workflow}` to commit `{c.ShortSha}` by {c.AuthorName} <{c.AuthorEmail}>.");
        sb.Append('\n');
        sb.Append("| | |\n| --- | --- |\n");
        Line(sb, $"| change | {Signed(ch.ChangePct, "%")} (CI {Range(ch.CiPct, "%")}) |");
        Line(sb, $"| change in ms | {Signed(ch.ChangeMs, " ms")} (CI {Range(ch.CiMs, " ms")}) |");
        Line(sb, $"| culprit | `{c.Sha}` {Escape(c.Subject)} |");
        Line(sb, $"| author | {Escape(c.AuthorName)} <{c.AuthorEmail}> |");
        Line(sb, $"| range searched | `{incident.Range.Good}`..`{incident.Range.Bad}` |");
        Line(sb, $"| repository | `{incident.Repository}` |");
        Line(sb, $"| trials used | {incident.TrialsUsed} |");
        Line(sb, $"| incident | `{incident.Id}`, recorded {incident.CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC |");
        sb.Append("\n### Evidence\n\n");
        foreach (var e in incident.Evidence)
        {
            var role = e.Role == EvidenceRole.Original ? "original comparison" : "confirmation";
            Line(sb, $"- {role}: experiment `{e.ExperimentId}`, verdict **{e.Verdict.ToWire()}**: {e.Reason} (`ailab show {e.ExperimentId}`)");
        }

        if (!string.IsNullOrWhiteSpace(c.DiffStat))
        {
            sb.Append("\n### Diff stat\n\n```text\n").Append(c.DiffStat.TrimEnd()).Append("\n```\n");
        }

        if (incident.Profile is { } profile) Profile(sb, profile);

        sb.Append('\n').Append(Marker(incident.Id)).Append('\n');
        return sb.ToString();
    }

    /// <summary>A whole document: the title as a heading, then the body.</summary>
    public static string Document(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"# {incident.Title()}\n\n{Body(incident)}";
    }

    // Where the time went in the culprit (its profile against its parent), and the files to look at.
    private static void Profile(StringBuilder sb, IncidentProfile profile)
    {
        sb.Append("\n### Profile (culprit against its parent)\n\n");
        if (profile.Error is { } error) Line(sb, $"- no profile: {error}");
        else if (profile.Findings.Count == 0) sb.Append("- no change above noise in the profiles\n");
        foreach (var finding in profile.Findings) Line(sb, $"- {finding}");
        if (profile.FlameGraphHtml is { } html) Line(sb, $"- flame graph: `{html}`");
        if (profile.Json is { } json) Line(sb, $"- diff (JSON): `{json}`");
        if (profile.Speedscope is { } speedscope) Line(sb, $"- speedscope: `{speedscope}`");
    }

    private static void Line(StringBuilder sb, FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Signed(double value, string unit) =>
        double.IsFinite(value) ? string.Create(CultureInfo.InvariantCulture, $"{(value >= 0 ? "+" : "")}{value:0.0}{unit}") : "n/a";

    private static string Range(double[] bounds, string unit) =>
        bounds.Length == 2 ? $"{Signed(bounds[0], unit)} to {Signed(bounds[1], unit)}" : "n/a";

    // Subjects and names end up in a table cell: a '|' would split it.
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
