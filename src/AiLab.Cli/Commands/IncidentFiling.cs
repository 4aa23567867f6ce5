using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows;
using AiLab.Notifications;

namespace AiLab.Cli.Commands;

/// <summary>Records a bisection's incidents in the lab's database and notifies the sinks of the <c>notify:</c>
/// section of the workflow file (when there is one). A sink that is down leaves the delivery pending for
/// <c>ailab incidents notify</c>; nothing here fails the bisection.</summary>
internal static class IncidentFiling
{
    public static async Task<IncidentBatch?> FileAsync(LabContext lab, IReadOnlyList<Incident> incidents, string? configPath, TextWriter say, CancellationToken cancellationToken)
    {
        if (incidents.Count == 0) return null;
        var notify = NotifyConfig.None;
        try
        {
            if (configPath is not null && File.Exists(configPath)) notify = WorkflowConfig.Load(configPath).Notify;
        }
        catch (ConfigException e)
        {
            // A broken notify section must not cost the bisection's result: store the incidents, notify nobody, say why.
            say.WriteLine($"ailab: cannot read the sinks, so no one is notified now: {e.Message}");
            say.WriteLine("ailab: fix the file, then deliver with: ailab incidents notify");
        }

        var baseDirectory = configPath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var store = lab.Stores.Incidents;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each sink applies its own timeout
        var service = IncidentService.Create(store, notify, baseDirectory, http);
        IncidentBatch batch;
        try
        {
            batch = await service.RecordAndNotifyAsync(incidents, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            say.WriteLine("ailab: interrupted while notifying; the incidents are stored and their deliveries pending (ailab incidents notify)");
            return null;
        }

        foreach (var recorded in batch.Recorded)
        {
            var incident = recorded.Incident;
            say.WriteLine($"ailab: incident {incident.Id} {(recorded.IsNew ? "recorded" : "already recorded")}: {incident.Title()}");
        }

        if (notify.Sinks.Count == 0)
            say.WriteLine($"ailab: no 'notify:' sinks configured{(configPath is null ? "" : $" in {configPath}")}; the incidents are stored (ailab incidents list)");
        else if (!batch.Notifications.AllDelivered)
            say.WriteLine($"ailab: {batch.Notifications.StillPending} notification(s) still pending (a sink is down); retry with: ailab incidents notify --config {configPath}");
        else
            say.WriteLine($"ailab: notified {string.Join(", ", notify.Sinks.Select(s => s.Name))}");
        return batch;
    }
}
