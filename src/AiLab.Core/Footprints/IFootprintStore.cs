namespace AiLab.Core.Footprints;

/// <summary>Durable home of footprints (per workflow and revision) and of the change tier's outcomes.</summary>
public interface IFootprintStore
{
    /// <summary>Stores a footprint, replacing the one of the same workflow and revision.</summary>
    void Save(Footprint footprint);

    /// <summary>The footprint of <paramref name="workflow"/> at <paramref name="revision"/>, or null.</summary>
    Footprint? Find(string workflow, string revision);

    /// <summary>The most recently recorded footprint of <paramref name="workflow"/>, or null.</summary>
    Footprint? Latest(string workflow);

    /// <summary>Records what a change-tier experiment found.</summary>
    void AddOutcome(ChangeOutcome outcome);

    /// <summary>Every recorded outcome, oldest first.</summary>
    IReadOnlyList<ChangeOutcome> Outcomes();
}
