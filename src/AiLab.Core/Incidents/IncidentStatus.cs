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

    /// <summary>A person has seen it and is on it (the dashboard's "acknowledge"); no longer notified.</summary>
    Acknowledged,
}
