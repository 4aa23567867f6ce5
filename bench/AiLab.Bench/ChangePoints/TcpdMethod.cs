namespace AiLab.Bench.ChangePoints;

/// <summary>A change-point detector run on TCPD: a column of the table.</summary>
/// <param name="Column">The column header.</param>
/// <param name="Detect">0-based change points (first index of each new segment) of a one-dimensional series.</param>
internal sealed record TcpdMethod(string Column, Func<double[], IEnumerable<int>> Detect)
{
    /// <summary>
    /// The change points of every dimension, united. A multivariate series (only run_log here) is searched one
    /// dimension at a time because both detectors are univariate; a change seen in either dimension is a change.
    /// </summary>
    public int[] DetectAll(TcpdSeries series) =>
        series.Dimensions.SelectMany(d => Detect(d)).Distinct().Order().ToArray();
}
