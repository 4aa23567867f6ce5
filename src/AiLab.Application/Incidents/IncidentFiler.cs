using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows;
using AiLab.Notifications;

namespace AiLab.Application.Incidents;

/// <summary>Records incidents in the lab's database and notifies the sinks of the workflow file's <c>notify:</c>
/// section. A sink that is down leaves the delivery pending; nothing here fails the bisection that found
/// them.</summary>
public static class IncidentFiler
{
    /// <summary>Records <paramref name="incidents"/> and notifies the sinks of <paramref name="configPath"/> (when
    /// there is one and it exists).</summary>
    public static async Task<IncidentFilingOutcome?> FileAsync(
        IIncidentStore store,
        IReadOnlyList<Incident> incidents,
        string? configPath,
        string currentDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        if (incidents.Count == 0) return null;
        var notify = NotifyConfig.None;
        string? problem = null;
        try
        {
            if (configPath is not null && File.Exists(configPath)) notify = WorkflowConfig.Load(configPath).Notify;
        }
        catch (ConfigException e)
        {
            // A broken notify section must not cost the bisection's result: store the incidents, notify nobody, say
            // why.
            problem = e.Message;
        }

        var baseDirectory = configPath is null
            ? currentDirectory
            : Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        using var http = NotificationHttp.Create();
        var service = IncidentService.Create(store, notify, baseDirectory, http);
        var outcome = new IncidentFilingOutcome
        {
            SinksProblem = problem, ConfigPath = configPath, Sinks = notify.Sinks.Select(s => s.Name).ToList(),
        };
        try
        {
            var batch = await service.RecordAndNotifyAsync(incidents, cancellationToken).ConfigureAwait(false);
            return outcome with { Batch = batch };
        }
        catch (OperationCanceledException)
        {
            return outcome with { Interrupted = true };
        }
    }

    /// <summary>Delivers every open incident to each sink of the workflow file that does not have it yet.</summary>
    /// <param name="store">The lab's incidents.</param>
    /// <param name="configPath">The workflow file the user named, or null to look for it in
    /// <paramref name="currentDirectory"/>.</param>
    /// <param name="currentDirectory">The directory the request came from.</param>
    /// <param name="cancellationToken">Stops the deliveries; what was attempted is recorded.</param>
    /// <exception cref="WorkflowFileNotFoundException">No workflow file.</exception>
    /// <exception cref="LabInputException">The workflow file configures no sinks.</exception>
    public static async Task<NotificationReport> DeliverPendingAsync(
        IIncidentStore store, string? configPath, string currentDirectory, CancellationToken cancellationToken)
    {
        var (path, suite) = WorkflowFiles.Load(configPath, null, currentDirectory, "notifying incidents");
        if (suite.Notify.Sinks.Count == 0)
        {
            throw new LabInputException(
                $"{path} configures no sinks: add a 'notify:' section (see docs/ailab-yaml.md)");
        }

        using var http = NotificationHttp.Create();
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var service = IncidentService.Create(store, suite.Notify, baseDirectory, http);
        return await service.Notifier.DeliverPendingAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
