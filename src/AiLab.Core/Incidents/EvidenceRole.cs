namespace AiLab.Core.Incidents;

/// <summary>Why an experiment is part of an incident's evidence.</summary>
public enum EvidenceRole
{
    /// <summary>The comparison that found the change at the culprit.</summary>
    Original,

    /// <summary>The independent re-run that confirmed it.</summary>
    Confirmation,
}
