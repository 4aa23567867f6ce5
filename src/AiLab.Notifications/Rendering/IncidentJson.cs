using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;

namespace AiLab.Notifications.Rendering;

/// <summary>The one JSON shape of an incident (snake_case, like the CLI's <c>--json</c>): the webhook's payload and
/// <c>ailab incidents show --json</c>.</summary>
public static class IncidentJson
{
    /// <summary>The payload's <c>schema</c> value; bumped when a field changes meaning or disappears.</summary>
    public const string Schema = "ailab.incident/1";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The incident as a JSON object.</summary>
    public static JsonObject ToNode(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var c = incident.Culprit;
        var node = new JsonObject
        {
            ["schema"] = Schema,
            ["incident_id"] = incident.Id,
            ["title"] = incident.Title(),
            ["status"] = StatusName(incident.Status),
            ["created_at"] = incident.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["workflow"] = incident.Workflow,
            ["repository"] = incident.Repository,
            ["metric"] = incident.Metric,
            ["phase"] = incident.Phase,
            ["culprit"] = new JsonObject
            {
                ["commit"] = c.Sha,
                ["author"] = c.AuthorName,
                ["author_email"] = c.AuthorEmail,
                ["subject"] = c.Subject,
                ["diff_stat"] = c.DiffStat,
            },
            ["range"] = new JsonObject { ["good"] = incident.Range.Good, ["bad"] = incident.Range.Bad },
            ["change_pct"] = Number(incident.Change.ChangePct),
            ["ci_pct"] = Interval(incident.Change.CiPct),
            ["change_ms"] = Number(incident.Change.ChangeMs),
            ["ci_ms"] = Interval(incident.Change.CiMs),
            ["evidence"] = new JsonArray([.. incident.Evidence.Select(e => (JsonNode)new JsonObject
            {
                ["role"] = e.Role == EvidenceRole.Original ? "original" : "confirmation",
                ["experiment_id"] = e.ExperimentId,
                ["verdict"] = e.Verdict.ToWire(),
                ["reason"] = e.Reason,
            })]),
            ["trials"] = incident.TrialsUsed,
        };
        // Only when the bisection ran with --profile: the documents of incidents without one stay as they were.
        if (incident.Profile is { } p)
        {
            node["profile"] = new JsonObject
            {
                ["findings"] = new JsonArray([.. p.Findings.Select(f => (JsonNode)JsonValue.Create(f))]),
                ["folder"] = p.Folder,
                ["flamegraph_html"] = p.FlameGraphHtml,
                ["json"] = p.Json,
                ["speedscope"] = p.Speedscope,
                ["error"] = p.Error,
            };
        }

        return node;
    }

    /// <summary>The incident as compact JSON text.</summary>
    public static string Serialize(Incident incident) => ToNode(incident).ToJsonString(Compact);

    /// <summary>The wire name of a status.</summary>
    public static string StatusName(IncidentStatus status) => status switch
    {
        IncidentStatus.Open => "open",
        IncidentStatus.Resolved => "resolved",
        IncidentStatus.Dismissed => "dismissed",
        IncidentStatus.Acknowledged => "acknowledged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    // JSON has no NaN: an unmeasured value is null.
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    private static JsonArray Interval(double[] bounds) => new([.. bounds.Select(Number)]);
}
