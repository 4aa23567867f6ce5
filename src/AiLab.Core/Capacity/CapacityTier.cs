namespace AiLab.Core.Capacity;

/// <summary>What the capacity an experiment spends was for (docs/capacity.md).</summary>
public enum CapacityTier
{
    /// <summary>Run by hand (<c>ailab ab</c>, <c>ailab run</c>, the demo), or stored before tiers were
    /// recorded.</summary>
    AdHoc,

    /// <summary>Selected, shrunk tests of one prospective code change.</summary>
    Change,

    /// <summary>The full suite between two releases, and the history scan over a release range.</summary>
    Release,

    /// <summary>The experiments of a bisection towards a culprit commit.</summary>
    Bisection,

    /// <summary>A/A experiments measuring a workflow's noise (<c>ailab calibrate</c>, <c>ailab doctor</c>).</summary>
    Calibration,
}
