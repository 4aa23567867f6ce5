namespace AiLab.Core.Incidents;

/// <summary>Where an incident stands. Only open incidents are notified.</summary>
public enum IncidentStatus
{
    /// <summary>Recorded and awaiting a fix; its notifications are delivered until every sink has it.</summary>
    Open,

    /// <summary>The culprit was reverted or fixed.</summary>
    Resolved,

    /// <summary>A person judged it a false alarm.</summary>
    Dismissed,
}
