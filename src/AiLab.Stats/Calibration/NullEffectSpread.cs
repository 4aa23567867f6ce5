namespace AiLab.Stats.Calibration;

/// <summary>How far the effect estimate moves under no change, at a given number of trials per variant, measured on
/// random A/A splits of the calibration pool. All percentages are relative changes (candidate / baseline − 1).</summary>
public sealed record NullEffectSpread
{
    /// <summary>Trials per variant of the splits.</summary>
    public required int PerSide { get; init; }

    /// <summary>Random A/A splits drawn.</summary>
    public required int Splits { get; init; }

    /// <summary>Standard deviation of the change of the median, in percent.</summary>
    public required double SdMedianChangePct { get; init; }

    /// <summary>Standard deviation of the change of the geometric mean (exp of the mean log difference), in percent.</summary>
    public required double SdMeanChangePct { get; init; }

    /// <summary>What <see cref="SdMeanChangePct"/> would be for independent trials: 100·σ_log·√(2/n).</summary>
    public required double ExpectedSdMeanChangePct { get; init; }

    /// <summary>95th percentile of |change of the median|, in percent: a change this small is routine noise.</summary>
    public required double P95AbsMedianChangePct { get; init; }

    /// <summary>99th percentile of |change of the median|, in percent.</summary>
    public required double P99AbsMedianChangePct { get; init; }

    /// <summary>Share of splits where Welch's test on logs says p &lt; 0.01 (0.01 when its null is honest).</summary>
    public required double WelchRateAt001 { get; init; }
}
