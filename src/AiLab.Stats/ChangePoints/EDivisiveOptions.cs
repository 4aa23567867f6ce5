namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Settings of <see cref="EDivisive"/>. The defaults are Otava's (window 50, p &lt; 0.001, no magnitude floor) with
/// <see cref="OtavaCompatible"/> off, the setting evaluated on TCPD in docs/changepoints.md.
/// </summary>
public sealed record EDivisiveOptions
{
    /// <summary>Otava's own settings and plain Student test (<c>compute_change_points</c>: window 50, p &lt; 0.001, no magnitude floor).</summary>
    public static EDivisiveOptions Otava { get; } = new() { WindowLength = 50, MaxPValue = 0.001, MinMagnitude = 0, MinSegmentLength = 1, OtavaCompatible = true };

    /// <summary>The length of the sliding windows the candidates are searched in (≥ 2); consecutive windows overlap by half.</summary>
    public int WindowLength { get; init; } = 50;

    /// <summary>A change point is kept only when the t-test between its neighbouring segments gives p below this.</summary>
    public double MaxPValue { get; init; } = 0.001;

    /// <summary>A change point whose relative change of mean is at most this is dropped even when significant (0 keeps all).</summary>
    public double MinMagnitude { get; init; }

    /// <summary>A change point that leaves a segment shorter than this on either side is dropped (1 keeps all; Otava has no such rule).</summary>
    public int MinSegmentLength { get; init; } = 5;

    /// <summary>
    /// Reproduce Otava exactly: its plain Student t-test, and its merge step's re-testing. False (the default) allows for
    /// serial correlation in the t-test and re-tests both neighbours of a removed point (see <see cref="EDivisive"/>).
    /// </summary>
    public bool OtavaCompatible { get; init; }

    /// <summary>Throws on settings the algorithm cannot run with.</summary>
    internal void Validate()
    {
        if (WindowLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowLength), WindowLength, "The window must hold at least 2 values.");
        }

        if (MinSegmentLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSegmentLength), MinSegmentLength, "A segment holds at least 1 value.");
        }

        if (!(MaxPValue > 0 && MaxPValue <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPValue), MaxPValue, "The p-value threshold must lie in (0, 1].");
        }

        if (!(MinMagnitude >= 0) || double.IsInfinity(MinMagnitude))
        {
            throw new ArgumentOutOfRangeException(nameof(MinMagnitude), MinMagnitude, "The magnitude floor must be finite and ≥ 0.");
        }
    }
}
