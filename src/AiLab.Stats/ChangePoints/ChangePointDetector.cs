namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The lab's E-Divisive change-point detector, chosen by cross-validation for finding the commits where a result
/// moved: E-Divisive means (Matteson &amp; James, JASA 2014) searched in Otava's windows with a Student t-test
/// significance step (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance Regressions",
/// ICPE 2023 — Apache Otava), with <see cref="Defaults"/>. <c>ailab history</c> does not use it yet: it runs PELT
/// (<see cref="Pelt"/>), which in fresh-clone runs of short real histories gave fewer spurious first changes (issue 16,
/// docs/changepoints.md).
/// </summary>
/// <remarks>
/// The defaults were chosen, among 240 E-Divisive settings and 18 PELT ones (Killick, Fearnhead &amp; Eckley, JASA 2012;
/// the penalties fixed or 3 ln n), by leave-one-data-set-out cross-validation over TCPD, Otava's labelled series,
/// generated launcher-like histories, short 10–14-commit histories and issue 16's hand-made examples: among the
/// settings that alarm on at most 1% of 200 generated A/A histories, the one with the highest mean over data sets of
/// the mean TCPDBench F1 (margin 5). The table and the command (<c>ailab-bench changepoints-cv</c>) are in
/// docs/changepoints.md.
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>Window 50 searched exhaustively with circular splits, p &lt; 0.01 Bonferroni-corrected over split
    /// positions, segments ≥ 3, step-tolerant serial-correlation allowance in the merge step, outlier-robust test (the
    /// defaults of <see cref="EDivisiveOptions"/>).</summary>
    public static EDivisiveOptions Defaults { get; } = new();

    /// <summary>
    /// The change points of <paramref name="history"/> (oldest first): each is the first index measured after the
    /// change, so the suspicious commit range is (Index − 1, Index].
    /// </summary>
    /// <exception cref="ArgumentException">The history is null or holds a non-finite value.</exception>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> history) => EDivisive.Detect(history, Defaults);
}
