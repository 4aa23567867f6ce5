using AiLab.Notifications;

namespace AiLab.Application.Incidents;

/// <summary>What filing a set of incidents did: which were recorded, who was notified, and what stopped it.</summary>
public sealed record IncidentFilingOutcome
{
    /// <summary>The recorded incidents and the deliveries; null when interrupted before they were recorded.</summary>
    public IncidentBatch? Batch { get; init; }

    /// <summary>Why the sinks could not be read (a broken <c>notify:</c> section); nobody was notified.</summary>
    public string? SinksProblem { get; init; }

    /// <summary>The workflow file the sinks came from; null when there is none.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The names of the configured sinks.</summary>
    public IReadOnlyList<string> Sinks { get; init; } = [];

    /// <summary>True when cancelled while notifying: the incidents are stored, their deliveries pending.</summary>
    public bool Interrupted { get; init; }
}
