namespace AiLab.Stats.ChangePoints;

/// <summary>The lab's change-point detector for a workflow's history of results on consecutive commits.</summary>
public static class ChangePointDetector
{
    /// <summary>
    /// The change points of <paramref name="history"/> (oldest first) by <see cref="EDivisive"/> with its defaults: each
    /// is the first index measured after the change, so the suspicious commit range is (Index − 1, Index].
    /// </summary>
    /// <exception cref="ArgumentException">The history is null or holds a non-finite value.</exception>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> history) => EDivisive.Detect(history);
}
