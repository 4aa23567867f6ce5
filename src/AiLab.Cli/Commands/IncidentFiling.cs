using AiLab.Application.Incidents;
using AiLab.Core.Incidents;
using AiLab.Notifications;

namespace AiLab.Cli.Commands;

/// <summary>Files a bisection's incidents (<see cref="IncidentFiler"/>) and says on <c>say</c> what was recorded and
/// who was notified, with the command that retries what is still pending.</summary>
internal static class IncidentFiling
{
    public static async Task<IncidentBatch?> FileAsync(
        IIncidentStore store,
        IReadOnlyList<Incident> incidents,
        string? configPath,
        TextWriter say,
        CancellationToken cancellationToken)
    {
        var outcome = await IncidentFiler.FileAsync(
            store, incidents, configPath, Directory.GetCurrentDirectory(), cancellationToken).ConfigureAwait(false);
        if (outcome is null) return null;
        if (outcome.SinksProblem is { } problem)
        {
            say.WriteLine($"ailab: cannot read the sinks, so no one is notified now: {problem}");
            say.WriteLine("ailab: fix the file, then deliver with: ailab incidents notify");
        }

        if (outcome.Interrupted || outcome.Batch is not { } batch)
        {
            say.WriteLine(
                "ailab: interrupted while notifying; the incidents are stored and their deliveries pending (ailab incidents notify)");
            return null;
        }

        foreach (var recorded in batch.Recorded)
        {
            var incident = recorded.Incident;
            say.WriteLine($"ailab: incident {incident.Id} {(recorded.IsNew ? "recorded" : "already recorded")}: {incident.Title()}");
        }

        if (outcome.Sinks.Count == 0)
        {
            say.WriteLine(
                $"ailab: no 'notify:' sinks configured{(configPath is null ? "" : $" in {configPath}")}; "
                + "the incidents are stored (ailab incidents list)");
        }
        else if (!batch.Notifications.AllDelivered)
        {
            say.WriteLine(
                $"ailab: {batch.Notifications.StillPending} notification(s) still pending (a sink is down); "
                + $"retry with: ailab incidents notify --config {configPath}");
        }
        else
        {
            say.WriteLine($"ailab: notified {string.Join(", ", outcome.Sinks)}");
        }

        return batch;
    }
}
