using System.Diagnostics;

namespace AiLab.Bench.Timing;

/// <summary>Times two pieces of code alternately, so that the load of a shared machine drifts over both
/// alike.</summary>
internal static class SideBySide
{
    /// <summary>Runs <paramref name="first"/> and <paramref name="second"/> <paramref name="rounds"/> times each, in
    /// alternation, and returns each one's durations in milliseconds (one monotonic clock for both).</summary>
    public static (double[] First, double[] Second) Measure(Action first, Action second, int rounds)
    {
        first();
        second(); // JIT and first-use costs stay out of the figures
        var (a, b) = (new double[rounds], new double[rounds]);
        for (var i = 0; i < rounds; i++)
        {
            a[i] = Time(first);
            b[i] = Time(second);
        }

        return (a, b);
    }

    /// <summary>The <paramref name="q"/>-quantile (nearest rank) of <paramref name="values"/>.</summary>
    public static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
