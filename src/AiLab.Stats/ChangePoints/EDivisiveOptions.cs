namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Settings of <see cref="EDivisive"/>. The defaults are those of <see cref="ChangePointDetector"/>, chosen by
/// leave-one-data-set-out cross-validation within a 1% A/A false-alarm budget (<c>ailab-bench changepoints-cv</c>,
/// docs/changepoints.md): window 50, an exhaustive split step with circular splits, p &lt; 0.01 after a Bonferroni
/// correction over the split positions, segments of at least 3, the step-tolerant serial-correlation allowance in the
/// merge step only, and the outlier-robust test.
/// </summary>
public sealed record EDivisiveOptions
{
    /// <summary>Otava's own settings and plain Student test (<c>compute_change_points</c>: window 50, p &lt; 0.001, no magnitude floor).</summary>
    public static EDivisiveOptions Otava { get; } = new()
    {
        WindowLength = 50, MaxPValue = 0.001, MinMagnitude = 0, MinSegmentLength = 1, OtavaCompatible = true,
        SerialCorrelation = SerialCorrelationAllowance.None, OutlierRobust = false, StepTolerantSerialCorrelation = false,
        SplitCountCorrection = false, ExhaustiveSplit = false, CircularSplit = false,
    };

    /// <summary>The length of the sliding windows the candidates are searched in (≥ 2); consecutive windows overlap by half.</summary>
    public int WindowLength { get; init; } = 50;

    /// <summary>A change point is kept only when the t-test between its neighbouring segments gives p below this.</summary>
    public double MaxPValue { get; init; } = 0.01;

    /// <summary>A change point whose relative change of mean is at most this is dropped even when significant (0 keeps all).</summary>
    public double MinMagnitude { get; init; }

    /// <summary>A change point that leaves a segment shorter than this on either side is dropped (1 keeps all; Otava has no such rule).</summary>
    public int MinSegmentLength { get; init; } = 3;

    /// <summary>Where the t-test allows for serial correlation (ignored, and none, when <see cref="OtavaCompatible"/>).</summary>
    public SerialCorrelationAllowance SerialCorrelation { get; init; } = SerialCorrelationAllowance.MergeStep;

    /// <summary>
    /// Count the segments' lag-1 autocorrelation only beyond 2/√n, the band of independent noise (Bartlett 1946), so
    /// that the allowance does not hide the steps of a short history behind a noisy estimate.
    /// </summary>
    public bool BartlettGate { get; init; }

    /// <summary>
    /// Estimate the segments' autocorrelation from residuals around each segment's best two-level fit, so that a step
    /// the search has not separated is not taken for serial correlation (which hides it and, merge by merge, others).
    /// </summary>
    public bool StepTolerantSerialCorrelation { get; init; } = true;

    /// <summary>
    /// Multiply a change point's merge-step p-value by the number of places its two segments could have been split
    /// (Bonferroni over the split positions): the search chose the most extreme split, so the nominal p-value of that
    /// split overstates the evidence. The count is that of the neighbouring segments, never the series' length.
    /// </summary>
    public bool SplitCountCorrection { get; init; } = true;

    /// <summary>
    /// Keep searching a window after a candidate fails the first-pass test (in the other segments of the window),
    /// instead of stopping the window there as Otava does: a staircase of several steps is then not lost because
    /// the first split compares segments that each still hold a step. The merge step prunes what is not significant.
    /// </summary>
    public bool ExhaustiveSplit { get; init; } = true;

    /// <summary>
    /// Before the split step leaves a segment alone, try its best arc (circular binary segmentation, Olshen et al.
    /// 2004): a level that leaves and returns inside the segment (a dip, a regression and its fix) is invisible to any
    /// single split of it.
    /// </summary>
    public bool CircularSplit { get; init; } = true;

    /// <summary>
    /// A change point must stay significant with the most outlying value of either neighbouring segment left out
    /// (the largest of the three p-values counts), so that a single outlier never makes a change point.
    /// </summary>
    public bool OutlierRobust { get; init; } = true;

    /// <summary>
    /// Move each kept change point to the best split (least absolute deviation from the two segments' medians)
    /// within <see cref="MinSegmentLength"/> of where the search put it, between its neighbours.
    /// </summary>
    public bool RefineLocations { get; init; }

    /// <summary>
    /// Reproduce Otava exactly: its plain Student t-test, and its merge step's re-testing. False (the default) allows for
    /// serial correlation in the t-test and re-tests both neighbours of a removed point (see <see cref="EDivisive"/>).
    /// </summary>
    public bool OtavaCompatible { get; init; }

    /// <summary>The defaults before issue 16 (p &lt; 0.001, segments ≥ 5, the allowance in both steps, no outlier
    /// test), kept so that the evaluation can show what changed.</summary>
    public static EDivisiveOptions Previous { get; } = new()
    {
        WindowLength = 50, MaxPValue = 0.001, MinSegmentLength = 5, SerialCorrelation = SerialCorrelationAllowance.BothSteps,
        OutlierRobust = false, StepTolerantSerialCorrelation = false, SplitCountCorrection = false, ExhaustiveSplit = false, CircularSplit = false,
    };

    /// <summary>The allowance in effect.</summary>
    internal SerialCorrelationAllowance EffectiveSerialCorrelation =>
        OtavaCompatible ? SerialCorrelationAllowance.None : SerialCorrelation;

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

        if (!Enum.IsDefined(SerialCorrelation))
        {
            throw new ArgumentOutOfRangeException(nameof(SerialCorrelation), SerialCorrelation, "Unknown allowance.");
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
