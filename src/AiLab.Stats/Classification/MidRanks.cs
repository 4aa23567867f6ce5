namespace AiLab.Stats.Classification;

/// <summary>Sorting helpers: 1-based mid-ranks (ties share the mean of their ranks) and descending orders.</summary>
public static class MidRanks
{
    /// <summary>The mid-rank of every value, 1-based, ties averaged.</summary>
    public static double[] Of(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        var keys = values.ToArray();
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        var start = 0;
        while (start < keys.Length)
        {
            var end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start]) end++;
            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }

        return ranks;
    }

    /// <summary>The indexes of <paramref name="values"/> sorted by decreasing value.</summary>
    public static int[] DescendingOrder(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        var keys = new double[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -values[i];
        }

        Array.Sort(keys, order);
        return order;
    }
}
