namespace AiLab.Stats.ChangePoints;

/// <summary>The half-open range [Start, Stop) of a segment between change points.</summary>
internal readonly record struct Interval(int Start, int Stop)
{
    /// <summary>The number of elements.</summary>
    public int Length => Stop - Start;

    /// <summary>The segments that sorted change points cut [0, length) into, empty ones left out.</summary>
    public static List<Interval> Between(IReadOnlyList<int> sortedIndices, int length)
    {
        var intervals = new List<Interval>(sortedIndices.Count + 1);
        var start = 0;
        foreach (var index in sortedIndices)
        {
            if (index != start)
            {
                intervals.Add(new Interval(start, index));
            }

            start = index;
        }

        if (start != length)
        {
            intervals.Add(new Interval(start, length));
        }

        return intervals;
    }
}
