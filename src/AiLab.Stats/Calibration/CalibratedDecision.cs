namespace AiLab.Stats.Calibration;

/// <summary>A calibrated threshold applied to one real experiment.</summary>
/// <param name="Detector">The detector that was calibrated.</param>
/// <param name="Statistic">Its statistic on the experiment; positive means B is larger (slower).</param>
/// <param name="Threshold">The calibrated threshold on |statistic|.</param>
/// <param name="Direction">+1 (regression), −1 (improvement) or 0 (no alarm).</param>
public sealed record CalibratedDecision(Detector Detector, double Statistic, double Threshold, int Direction)
{
    /// <summary>Whether the threshold was crossed in either direction.</summary>
    public bool Alarm => Direction != 0;
}
