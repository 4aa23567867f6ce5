using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLab.Core.Incidents;
using AiLab.Core.Wire;
using AiLab.Notifications;
using AiLab.Notifications.Rendering;

namespace AiLab.Cli.Rendering;

/// <summary>What <c>ailab incidents</c> prints: text for people, one JSON document for scripts.</summary>
internal static class IncidentReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One line per incident, newest first.</summary>
    public static string List(IReadOnlyList<Incident> incidents, Func<string, IReadOnlyList<DeliveryAttempt>> attempts)
    {
        var sb = new StringBuilder();
        foreach (var i in incidents)
        {
            var what = i.Phase is null ? i.Metric : $"{i.Metric} ({i.Phase})";
            var change = string.Create(CultureInfo.InvariantCulture, $"{(i.Change.ChangePct >= 0 ? "+" : "")}{i.Change.ChangePct:0.0}%");
            sb.Append(CultureInfo.InvariantCulture,
                $"{i.Id}  {i.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}  {JsonStatus(i),-9} {i.Workflow}: {what} {change} "
                + $"in {i.Culprit.ShortSha} by {i.Culprit.AuthorName}");
            var deliveries = Deliveries(attempts(i.Id));
            sb.Append(deliveries.Length > 0 ? $"  [{deliveries}]" : "").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The incident as Markdown, then every delivery attempt.</summary>
    public static string Show(Incident incident, IReadOnlyList<DeliveryAttempt> attempts)
    {
        var sb = new StringBuilder(IncidentMarkdown.Document(incident));
        sb.Append(CultureInfo.InvariantCulture, $"\nstatus: {JsonStatus(incident)}\n");
        sb.Append(attempts.Count == 0 ? "deliveries: none attempted yet (run: ailab incidents notify)\n" : "deliveries:\n");
        foreach (var a in attempts)
        {
            var outcome = a.Succeeded ? $"delivered {a.Reference}" : $"failed: {a.Error}";
            sb.Append(CultureInfo.InvariantCulture, $"  {a.At.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {a.Sink,-12} {outcome}\n");
        }

        return sb.ToString();
    }

    /// <summary>What a notify run did, one line per delivery, then a summary line per sink.</summary>
    public static string Notify(NotificationReport report)
    {
        var sb = new StringBuilder();
        foreach (var sink in report.Sinks)
        {
            foreach (var r in sink.Results)
            {
                var outcome = r.Status switch
                {
                    DeliveryStatus.Delivered => $"delivered after {r.Attempts} attempt(s): {r.Reference}",
                    DeliveryStatus.Failed => $"FAILED after {r.Attempts} attempt(s), still pending: {r.Error}",
                    _ => $"skipped, still pending: {r.Error}",
                };
                sb.Append(CultureInfo.InvariantCulture, $"{sink.Sink} ({sink.Type})  {r.IncidentId}  {outcome}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{sink.Sink} ({sink.Type}): {sink.Delivered} delivered, {sink.StillPending} pending\n");
        }

        return sb.ToString();
    }

    /// <summary><c>{"incidents": [...]}</c>, each with its delivery attempts.</summary>
    public static string ListJson(IReadOnlyList<Incident> incidents, Func<string, IReadOnlyList<DeliveryAttempt>> attempts) =>
        new JsonObject { ["incidents"] = new JsonArray([.. incidents.Select(i => (JsonNode)WithDeliveries(i, attempts(i.Id)))]) }.ToJsonString(Indented);

    /// <summary>The incident (<see cref="IncidentJson"/>) with its delivery attempts.</summary>
    public static string ShowJson(Incident incident, IReadOnlyList<DeliveryAttempt> attempts) => WithDeliveries(incident, attempts).ToJsonString(Indented);

    /// <summary><c>{"all_delivered": ..., "sinks": [...]}</c>.</summary>
    public static string NotifyJson(NotificationReport report) => new JsonObject
    {
        ["all_delivered"] = report.AllDelivered,
        ["delivered"] = report.Delivered,
        ["pending"] = report.StillPending,
        ["sinks"] = new JsonArray([.. report.Sinks.Select(s => (JsonNode)new JsonObject
        {
            ["sink"] = s.Sink,
            ["type"] = s.Type,
            ["delivered"] = s.Delivered,
            ["pending"] = s.StillPending,
            ["results"] = new JsonArray([.. s.Results.Select(r => (JsonNode)new JsonObject
            {
                ["incident_id"] = r.IncidentId,
                ["status"] = WireNames.Of(r.Status),
                ["attempts"] = r.Attempts,
                ["reference"] = r.Reference,
                ["error"] = r.Error,
            })]),
        })]),
    }.ToJsonString(Indented);

    private static JsonObject WithDeliveries(Incident incident, IReadOnlyList<DeliveryAttempt> attempts)
    {
        var node = IncidentJson.ToNode(incident);
        node["deliveries"] = new JsonArray([.. attempts.Select(a => (JsonNode)new JsonObject
        {
            ["sink"] = a.Sink,
            ["at"] = a.At.ToString("O", CultureInfo.InvariantCulture),
            ["succeeded"] = a.Succeeded,
            ["reference"] = a.Reference,
            ["error"] = a.Error,
        })]);
        return node;
    }

    private static string JsonStatus(Incident incident) => IncidentJson.StatusName(incident.Status);

    // "github ok, webhook failed x3": the state per sink, from its attempts.
    private static string Deliveries(IReadOnlyList<DeliveryAttempt> attempts) => string.Join(", ", attempts
        .GroupBy(a => a.Sink, StringComparer.Ordinal)
        .Select(g => g.Any(a => a.Succeeded) ? $"{g.Key} ok" : $"{g.Key} failed x{g.Count()}"));
}
