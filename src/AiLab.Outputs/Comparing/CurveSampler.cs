namespace AiLab.Outputs.Comparing;

/// <summary>ROC and precision–recall curves with one point per distinct score threshold (ties move together, as in
/// scikit-learn's <c>roc_curve</c> and <c>precision_recall_curve</c> without <c>drop_intermediate</c>), thinned to at
/// most <see cref="MaxPoints"/> evenly spaced points so that a stored report stays small.</summary>
public static class CurveSampler
{
    /// <summary>Most points kept per curve.</summary>
    public const int MaxPoints = 200;

    /// <summary>(FPR, TPR) from (0, 0) to (1, 1); empty when the examples are all of one class.</summary>
    public static CurvePoints Roc(bool[] labels, double[] scores)
    {
        var (tps, fps) = Sweep(labels, scores);
        if (tps.Count == 0) return new CurvePoints([], []);
        double p = tps[^1], n = fps[^1];
        if (p == 0 || n == 0) return new CurvePoints([], []);
        var x = new List<double> { 0 };
        var y = new List<double> { 0 };
        for (var i = 0; i < tps.Count; i++)
        {
            x.Add(fps[i] / n);
            y.Add(tps[i] / p);
        }

        return Thin(x, y);
    }

    /// <summary>(recall, precision) by decreasing threshold, starting at (0, 1) as scikit-learn ends its curve;
    /// empty when there is no positive example.</summary>
    public static CurvePoints PrecisionRecall(bool[] labels, double[] scores)
    {
        var (tps, fps) = Sweep(labels, scores);
        if (tps.Count == 0 || tps[^1] == 0) return new CurvePoints([], []);
        var x = new List<double> { 0 };
        var y = new List<double> { 1 };
        for (var i = 0; i < tps.Count; i++)
        {
            x.Add(tps[i] / tps[^1]);
            y.Add(tps[i] / (tps[i] + fps[i]));
        }

        return Thin(x, y);
    }

    // Cumulative true and false positives at each distinct threshold, highest first.
    private static (List<double> Tps, List<double> Fps) Sweep(bool[] labels, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        var order = Enumerable.Range(0, scores.Length).ToArray();
        var keys = scores.Select(s => -s).ToArray();
        Array.Sort(keys, order);
        var tps = new List<double>();
        var fps = new List<double>();
        double tp = 0, fp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (labels[order[i]]) tp++;
            else fp++;
            if (i == order.Length - 1 || keys[i + 1] != keys[i])
            {
                tps.Add(tp);
                fps.Add(fp);
            }
        }

        return (tps, fps);
    }

    private static CurvePoints Thin(List<double> x, List<double> y)
    {
        if (x.Count <= MaxPoints) return new CurvePoints([.. x.Select(Round)], [.. y.Select(Round)]);
        var keep = Enumerable.Range(0, MaxPoints)
            .Select(i => (int)Math.Round(i * (x.Count - 1) / (double)(MaxPoints - 1))).Distinct().ToArray();
        return new CurvePoints(keep.Select(i => Round(x[i])).ToArray(), keep.Select(i => Round(y[i])).ToArray());
    }

    private static double Round(double v) => Math.Round(v, 5);
}
