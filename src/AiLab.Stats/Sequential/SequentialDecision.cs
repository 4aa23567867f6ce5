namespace AiLab.Stats.Sequential;

/// <summary>The outcome of one look of a sequential experiment, with the numbers that decided it.</summary>
public sealed record SequentialDecision
{
    /// <summary>Continue or stop, and how.</summary>
    public required SequentialAction Action { get; init; }

    /// <summary>The look (0-based index into <see cref="SequentialDesign.Looks"/>).</summary>
    public required int Look { get; init; }

    /// <summary>The z-statistic: Welch's t on log values mapped to the normal scale, divided by the null inflation.</summary>
    public required double Statistic { get; init; }

    /// <summary>The efficacy boundary at this look: stop for a change when |z| ≥ it.</summary>
    public required double Boundary { get; init; }

    /// <summary>The inner boundary at this look: stop for no change when |z| &lt; it (0: no early stop for no change).</summary>
    public required double FutilityBoundary { get; init; }

    /// <summary>The estimated relative change of the geometric mean, in percent (B / A − 1).</summary>
    public required double ChangePct { get; init; }

    /// <summary>Trials of A the look used.</summary>
    public required int TrialsA { get; init; }

    /// <summary>Trials of B the look used.</summary>
    public required int TrialsB { get; init; }

    /// <summary>The sentence that says why.</summary>
    public required string Reason { get; init; }
}
