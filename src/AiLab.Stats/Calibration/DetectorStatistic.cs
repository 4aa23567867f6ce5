using AiLab.Stats.Validation;

namespace AiLab.Stats.Calibration;

/// <summary>Computes a <see cref="Detector"/>'s statistic for one experiment.</summary>
public static class DetectorStatistic
{
    /// <summary>The statistic of <paramref name="detector"/> for baseline <paramref name="a"/> and candidate
    /// <paramref name="b"/> (positive values such as TTFB in ms; sizes may differ). Positive means B is larger.</summary>
    /// <exception cref="ArgumentException">A sample has fewer than 2 values, or a value that is not finite and positive.</exception>
    public static double Compute(Detector detector, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var logA = Logs(a, nameof(a));
        var logB = Logs(b, nameof(b));
        var kernel = new DetectorKernel(Math.Max(logA.Length, logB.Length));
        return kernel.Compute(detector, logA, logB);
    }

    /// <summary>Natural logs of a sample of positive values, validated.</summary>
    internal static double[] Logs(IReadOnlyList<double> values, string paramName)
    {
        SampleGuard.Require(values, paramName, minCount: 2);
        var logs = new double[values.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            if (!(values[i] > 0))
            {
                throw new ArgumentException($"Calibrated detectors work on positive values (times, sizes); value {values[i]} at index {i} is not.", paramName);
            }

            logs[i] = Math.Log(values[i]);
        }

        return logs;
    }
}
