namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Hierarchical E-Divisive on one window (Otava's <c>ChangePointDetector</c> with a t-test tester): keep splitting
/// the segment with the largest Q̂ while the t-test between the two halves of that segment gives p ≤ the threshold,
/// and stop at the first candidate that does not; or, exhaustively, leave that candidate's segment alone and go on
/// with the others. Optionally, before a segment is left alone, its best arc (<see cref="CircularSplit"/>) is tried:
/// a level that leaves and returns inside the segment is found as a pair of change points.
/// </summary>
internal static class DivisiveSearch
{
    /// <summary>The sorted change points found in <paramref name="window"/>, indexed within it.</summary>
    public static List<int> Run(
        double[] window, double maxPValue, bool serialCorrelation, bool exhaustive = false, int circularMinLength = 0)
    {
        var calculator = new QHatCalculator(window);
        var found = new List<int>();
        var settled = new HashSet<Interval>();
        while (true)
        {
            var intervals = Interval.Between(found, window.Length).Where(i => !settled.Contains(i)).ToList();
            if (calculator.NextCandidate(intervals) is not { } candidate)
            {
                break;
            }

            var segment = intervals.First(i => i.Start < candidate.Index && candidate.Index < i.Stop);
            var comparison = SegmentComparison.Of(window, segment.Start, candidate.Index, segment.Stop, serialCorrelation);
            if (!(comparison.PValue <= maxPValue))
            {
                if (circularMinLength > 0 &&
                    CircularSplit.Best(window, segment.Start, segment.Stop, circularMinLength) is { } arc &&
                    arc.PValue <= maxPValue)
                {
                    Insert(found, arc.Begin);
                    Insert(found, arc.End);
                    continue;
                }

                if (!exhaustive)
                {
                    break;
                }

                settled.Add(segment);
                continue;
            }

            Insert(found, candidate.Index);
        }

        return found;
    }

    private static void Insert(List<int> sorted, int index)
    {
        var at = sorted.BinarySearch(index);
        if (at < 0)
        {
            sorted.Insert(~at, index);
        }
    }
}
