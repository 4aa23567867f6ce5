using AiLab.Stats.Sequential;

namespace AiLab.Core.Experiments;

/// <summary>A sequential experiment's design: trials are added in looks, and the experiment stops at the first look
/// whose group-sequential boundary is crossed (regression, improvement, or no change), at the latest at the
/// last.</summary>
public sealed record SequentialPlan
{
    /// <summary>Two-sided false-positive rate over all looks.</summary>
    public required double Alpha { get; init; }

    /// <summary>Successful trials per variant at each look, increasing; the last is the cap.</summary>
    public required IReadOnlyList<int> Looks { get; init; }

    /// <summary>The relative shift (0.03 = 3%) the design has its power at, and below which "no change" may stop
    /// it.</summary>
    public required double EquivalenceMargin { get; init; }

    /// <summary>The planning sd of log TTFB (from the calibration, or a default).</summary>
    public required double LogSd { get; init; }

    /// <summary>How much wider the workflow's null is than the textbook one (from the calibration; 1
    /// without).</summary>
    public double NullInflation { get; init; } = 1;

    /// <summary>α-spending function (default O'Brien–Fleming; the lab plans with Pocock). Stored as its wire name;
    /// documents written when this was a string ("Pocock", "OBrienFleming") read back, the enum converter being
    /// case-insensitive.</summary>
    public SpendingFunction Spending { get; init; } = SpendingFunction.OBrienFleming;

    /// <summary>Where the planning values came from, for the report.</summary>
    public required string Source { get; init; }
}
