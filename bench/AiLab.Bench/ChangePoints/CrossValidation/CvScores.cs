using AiLab.Testing.ChangePoints;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>Every method's mean F1 (margin 5) and mean covering on every fold, each series scored as TCPDBench does.</summary>
internal sealed class CvScores
{
    private readonly Dictionary<TcpdMethod, (double F1, double Covering)[]> byMethod = [];

    /// <summary>Scores <paramref name="methods"/> on <paramref name="folds"/>, two methods at a time.</summary>
    private readonly Dictionary<TcpdMethod, double> alarmRate = [];

    public CvScores(IReadOnlyList<CvFold> folds, IReadOnlyList<TcpdMethod> methods, IReadOnlyList<TcpdSeries> withoutChange,
        double alarmBudget)
    {
        Folds = folds;
        AlarmBudget = alarmBudget;
        var results = new (double, double)[methods.Count][];
        var alarms = new double[methods.Count];
        Parallel.For(0, methods.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, m =>
        {
            results[m] = folds.Select(f => Score(methods[m], f)).ToArray();
            alarms[m] = withoutChange.Count(s => methods[m].DetectAll(s).Length > 0) / (double)withoutChange.Count;
        });
        for (var m = 0; m < methods.Count; m++)
        {
            byMethod[methods[m]] = results[m];
            alarmRate[methods[m]] = alarms[m];
        }
    }

    /// <summary>The largest fraction of A/A histories in which a candidate may report any change point.</summary>
    public double AlarmBudget { get; }

    /// <summary>The fraction of the A/A histories (no change at all) in which <paramref name="method"/> found one.</summary>
    public double AlarmRate(TcpdMethod method) => alarmRate[method];

    /// <summary>The folds, in the order of the score arrays.</summary>
    public IReadOnlyList<CvFold> Folds { get; }

    /// <summary>The mean F1 and covering of <paramref name="method"/> over the series of fold <paramref name="fold"/>.</summary>
    public (double F1, double Covering) Of(TcpdMethod method, int fold) => byMethod[method][fold];

    /// <summary>
    /// The selection rule: among the candidates whose false-alarm rate on the A/A histories is within
    /// <see cref="AlarmBudget"/> (all of them when none is), the method with the highest mean over
    /// <paramref name="folds"/> of its per-fold mean F1 (each data set weighs the same, however many series it has);
    /// ties go to the higher mean covering, then to the earlier method in the grid.
    /// </summary>
    public TcpdMethod Best(IReadOnlyList<TcpdMethod> candidates, IReadOnlyList<int> folds) =>
        (candidates.Any(m => AlarmRate(m) <= AlarmBudget) ? candidates.Where(m => AlarmRate(m) <= AlarmBudget) : candidates)
            .ToList()
            .Select((m, i) =>
                (Method: m, Index: i, F1: folds.Average(f => Of(m, f).F1), Covering: folds.Average(f => Of(m, f).Covering)))
            .OrderByDescending(x => Math.Round(x.F1, 10))
            .ThenByDescending(x => Math.Round(x.Covering, 10))
            .ThenBy(x => x.Index)
            .First().Method;

    private static (double, double) Score(TcpdMethod method, CvFold fold)
    {
        var f1 = 0.0;
        var covering = 0.0;
        foreach (var series in fold.Series)
        {
            var predicted = method.DetectAll(series);
            f1 += TcpdMetrics.FMeasure(series.Annotations, predicted).F;
            covering += TcpdMetrics.Covering(series.Annotations, predicted, series.Length);
        }

        return (f1 / fold.Series.Count, covering / fold.Series.Count);
    }
}
