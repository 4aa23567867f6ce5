using System.Globalization;
using AiLab.Core.Calibrations;

namespace AiLab.Lab.Calibrations;

/// <summary>Whether a stored calibration still describes the workflow's noise: not too old, measured on this machine
/// with the same CPU pinning. A calibration that fails is not used; the verdict says why and how to recalibrate.</summary>
public static class CalibrationFreshness
{
    /// <summary>Default age after which a calibration is redone: 30 days (new data, new dependencies drift in).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(30);

    /// <summary>Why <paramref name="calibration"/> cannot be used here and now, or null when it can.</summary>
    public static string? StaleReason(Calibration calibration, MachineFingerprint here, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(here);
        var age = now - calibration.CreatedAt;
        if (age > maxAge)
            return string.Create(CultureInfo.InvariantCulture, $"calibration {calibration.Id} is {age.TotalDays:0} days old (limit {maxAge.TotalDays:0})");
        if (calibration.Machine.DifferenceFrom(here) is { } difference)
            return $"calibration {calibration.Id} was measured elsewhere: {difference}";
        return null;
    }
}
