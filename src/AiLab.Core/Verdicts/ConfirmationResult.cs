namespace AiLab.Core.Verdicts;

/// <summary>The evidence of a confirmation run: fresh, independent trials (new worktrees, new order) that either
/// reproduced an experiment's regression or improvement or did not.</summary>
public sealed record ConfirmationResult
{
    /// <summary>The confirming experiment, a stored A/B experiment of its own.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>True when the confirming trials show the same direction, significantly, with a compatible size.</summary>
    public required bool Confirmed { get; init; }

    /// <summary>What the original experiment alone concluded (before confirmation).</summary>
    public required Verdict Original { get; init; }

    /// <summary>What the confirming experiment alone concluded; null when it could not run.</summary>
    public Verdict? Confirming { get; init; }

    /// <summary>The confirming experiment's relative change of the primary metric's median, in percent.</summary>
    public double ChangePct { get; init; } = double.NaN;

    /// <summary>Its confidence interval.</summary>
    public double[] CiPct { get; init; } = [double.NaN, double.NaN];

    /// <summary>Why it was or was not confirmed, in words.</summary>
    public required string Reason { get; init; }
}
