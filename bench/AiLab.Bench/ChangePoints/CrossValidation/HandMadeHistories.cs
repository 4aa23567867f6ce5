namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>The small hand-made examples of issue 16, each with the change points a performance engineer expects.</summary>
internal static class HandMadeHistories
{
    /// <summary>The examples, written out here (not read from any other project).</summary>
    public static List<TcpdSeries> All()
    {
        var flat = Repeat((30, 100.0));
        var outlierEarly = (double[])flat.Clone();
        outlierEarly[2] = 200;
        var outlierMiddle = (double[])flat.Clone();
        outlierMiddle[15] = 180;
        return
        [
            Of("two-regressions", [50, 50, 100, .. Repeat((12, 50.0), (15, 100.0), (15, 150.0))], 15, 30),
            Of("regression-and-recovery", Repeat((15, 50.0), (18, 100.0), (15, 50.0)), 15, 33),
            Of("three-levels-of-four", Repeat((4, 1.0), (4, 6.0), (4, 12.0)), 4, 8),
            Of("two-steps-of-three", Repeat((3, 10.0), (4, 13.0), (3, 10.0)), 3, 7),
            Of("outlier-at-2", outlierEarly),
            Of("outlier-in-the-middle", outlierMiddle),
            Of("launcher-medians",
                [278, 279, 280, 277, 279, 284, 287, 383, 375, 377, 380, 379, 379, 377, 259, 270, 257, 256, 264, 345, 340,
                    342, 343, 342],
                7, 14, 19),
        ];
    }

    private static TcpdSeries Of(string name, double[] values, params int[] changes) => new(name, [values], 0, [changes]);

    private static double[] Repeat(params (int Count, double Value)[] runs) =>
        runs.SelectMany(r => Enumerable.Repeat(r.Value, r.Count)).ToArray();
}
