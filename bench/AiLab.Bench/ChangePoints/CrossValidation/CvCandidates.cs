using System.Globalization;
using AiLab.Stats.ChangePoints;
using Perfolizer.Mathematics.Cpd;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>The detectors the cross-validation chooses among, and the fixed ones it is compared with.</summary>
internal static class CvCandidates
{
    /// <summary>PELT as <c>ailab history</c> ran it before issue 16 (normal mean/variance, 3 ln n, segments ≥ 5).</summary>
    public static TcpdMethod PeltCurrent { get; } = new("PELT (3 ln n, min 5)", s => Pelt.Detect(s).Select(c => c.Index));

    /// <summary>E-Divisive with Otava's settings and arithmetic.</summary>
    public static TcpdMethod Otava { get; } =
        new("E-Divisive (Otava)", s => EDivisive.Detect(s, EDivisiveOptions.Otava).Select(c => c.Index));

    /// <summary>The E-Divisive defaults before issue 16 (window 50, p 0.001, min 5, allowance in both steps).</summary>
    public static TcpdMethod OldDefaults { get; } =
        new("E-Divisive (old defaults)", s => EDivisive.Detect(s, EDivisiveOptions.Previous).Select(c => c.Index));

    /// <summary>Perfolizer's ED-PELT at its defaults (minDistance 20), its indices + 1 for our convention.</summary>
    public static TcpdMethod EdPelt { get; } =
        new("Perfolizer ED-PELT", s => EdPeltChangePointDetector.Instance.GetChangePointIndexes(s).Select(i => i + 1));

    /// <summary>No change point at all (TCPDBench's "zero").</summary>
    public static TcpdMethod Zero { get; } = new("zero", _ => []);

    /// <summary>The grid: E-Divisive variants, then PELT with penalties that do not grow with n.</summary>
    public static List<TcpdMethod> Grid()
    {
        var grid = new List<TcpdMethod>();
        foreach (var window in new[] { 30, 50 })
        foreach (var p in new[] { 0.05, 0.02, 1e-2 })
        foreach (var minSegment in new[] { 3, 5 })
        foreach (var serial in new[] { SerialCorrelationAllowance.None, SerialCorrelationAllowance.MergeStep })
        foreach (var gate in serial == SerialCorrelationAllowance.None ? [false] : new[] { false, true })
        foreach (var stepTolerant in serial == SerialCorrelationAllowance.None ? [false] : new[] { false, true })
        foreach (var corrected in new[] { false, true })
        foreach (var exhaustive in new[] { false, true })
        {
            // Always outlier-robust (a single outlier may never make a change point) and circular (a level that leaves
            // and returns, a dip of 3 commits, must be findable): issue 16's requirements, not choices.
            var options = new EDivisiveOptions
            {
                WindowLength = window, MaxPValue = p, MinSegmentLength = minSegment, SerialCorrelation = serial,
                BartlettGate = gate, StepTolerantSerialCorrelation = stepTolerant, ExhaustiveSplit = exhaustive,
                SplitCountCorrection = corrected, OutlierRobust = true, CircularSplit = true,
            };
            grid.Add(new TcpdMethod(Describe(options), s => EDivisive.Detect(s, options).Select(c => c.Index)));
        }

        foreach (var penalty in new double?[] { null, 10, 15, 20, 30, 50 })
        foreach (var minSegment in new[] { 2, 3, 5 })
        {
            var options = new PeltOptions { Penalty = penalty, MinSegmentLength = minSegment };
            var shown = penalty?.ToString(CultureInfo.InvariantCulture) ?? "3 ln n";
            var name = string.Create(CultureInfo.InvariantCulture, $"PELT penalty {shown} min {minSegment}");
            grid.Add(new TcpdMethod(name, s => Pelt.Detect(s, options).Select(c => c.Index)));
        }

        grid.Add(Otava);
        return grid;
    }

    /// <summary>A short, complete description of E-Divisive settings (also how docs/changepoints.md names them).</summary>
    public static string Describe(EDivisiveOptions o)
    {
        var serial = $"{o.SerialCorrelation}{(o.BartlettGate ? "+gate" : "")}{(o.StepTolerantSerialCorrelation ? "+steps" : "")}";
        var flags = (o.SplitCountCorrection ? " bonferroni" : "") + (o.ExhaustiveSplit ? " exhaustive" : "") +
            (o.OutlierRobust ? " robust" : "") + (o.RefineLocations ? " refine" : "") + (o.CircularSplit ? " circular" : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"E-Div w{o.WindowLength} p{o.MaxPValue:G} min{o.MinSegmentLength} serial:{serial}{flags}");
    }
}
