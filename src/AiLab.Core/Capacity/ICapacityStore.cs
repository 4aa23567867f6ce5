namespace AiLab.Core.Capacity;

/// <summary>Reads what stored trials cost, for the capacity ledger.</summary>
public interface ICapacityStore
{
    /// <summary>Every stored trial started at or after <paramref name="since"/> (all when null), oldest
    /// first.</summary>
    IReadOnlyList<TrialCost> TrialCosts(DateTimeOffset? since);
}
