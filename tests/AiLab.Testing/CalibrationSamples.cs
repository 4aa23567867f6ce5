using AiLab.Core.Calibrations;
using AiLab.Core.Workflows;
using AiLab.Stats.Calibration;

namespace AiLab.Testing;

/// <summary>Calibrations with fixed numbers: one with a chosen ttfb threshold and two candidates, one without
/// any.</summary>
public static class CalibrationSamples
{
    public static AiLab.Core.Calibrations.Calibration WithThreshold() => new()
    {
        Id = "cal-20261123-101500-7a7a",
        WorkflowKey = "pytorch-train@0123456789ab",
        Workflow = new WorkflowSpec { Name = "pytorch-train", Run = "/usr/bin/python3 train.py" },
        RepositoryPath = "/home/me/launcher",
        Revision = "main",
        Commit = "0123456789abcdef0123456789abcdef01234567",
        CreatedAt = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
        Machine = new MachineFingerprint("lab-1", "AMD EPYC 7B13", 2, "0"),
        ExperimentIds = ["aa-20261123-101500-0001", "aa-20261123-101700-0002", "aa-20261123-101900-0003"],
        TrialsPerVariant = 10,
        Budget = "1/week at 500/week",
        BudgetRate = 0.002,
        DefaultFalseAlarms = 0,
        Metrics =
        [
            new MetricCalibration
            {
                Name = "ttfb",
                Pool = [1290.5, 1301.25, 1288.0],
                Profile = Profile(60, 1294.375, 0.0123, 0.0101, 0.0333, -0.125),
                Threshold = new ThresholdSelection
                {
                    Detector = Detector.WelchLogT,
                    Threshold = 4.0567,
                    Source = ThresholdSource.Parametric,
                    Fpr = 0.0009876,
                    Tpr = 0.9345,
                    DesignShift = 0.03,
                    NullInflation = 1.125,
                    WelchInflation = 1.0625,
                    MinDetectableShift80 = 0.0215,
                    MinDetectableShift90 = 0.02625,
                    Budget = 0.001,
                    PerSide = 10,
                    PoolSize = 60,
                    NullExperiments = 2000,
                    Candidates = [Candidate(Detector.WelchLogT, 4.0567, 0.0009876, 0.9345),
                        Candidate(Detector.MannWhitneyZ, 3.2905, 0.0005, 0.7125)],
                    Why = "the most detection at a 3% shift within the budget "
                        + "(Welch t on logs 93.5% vs Mann–Whitney 71.3%)",
                },
            },
            new MetricCalibration
            {
                Name = "phase:imports",
                Pool = [1220.25, 1219.5],
                Profile = Profile(60, 1220.0625, 0.0098, 0.0087, 0.0, 0.5),
            },
        ],
    };

    public static AiLab.Core.Calibrations.Calibration WithoutThreshold() => WithThreshold() with
    {
        Id = "cal-20261122-090000-1b1b",
        CreatedAt = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
        Revision = null,
        Commit = null,
        Metrics = [WithThreshold().Metrics[1]],
    };

    private static NoiseProfile Profile(int n, double median, double logSd, double madSd, double outliers,
        double trend) => new()
    {
        Count = n,
        Median = median,
        LogSd = logSd,
        LogMadSd = madSd,
        LogSkewness = 0.25,
        LogExcessKurtosis = 1.5,
        TailWeight = 1.125,
        OutlierShare = outliers,
        BlockMedianPct = [-0.5, 0.25, 0.25],
        TrendPctPer100Trials = trend,
        LevelShiftPct = 0.375,
        LevelShiftPValue = 0.4375,
        NullEffect = new NullEffectSpread
        {
            PerSide = 10,
            Splits = 200,
            SdMedianChangePct = 0.625,
            SdMeanChangePct = 0.5,
            ExpectedSdMeanChangePct = 0.55,
            P95AbsMedianChangePct = 1.25,
            P99AbsMedianChangePct = 1.75,
            WelchRateAt001 = 0.005,
        },
    };

    private static DetectorEvaluation Candidate(Detector detector, double threshold, double fpr, double tpr) => new()
    {
        Detector = detector,
        Threshold = threshold,
        Source = ThresholdSource.Parametric,
        ParametricThreshold = threshold,
        ReferenceQuantile = threshold / 1.125,
        NullScale = 1.0,
        Fpr = fpr,
        TprAtDesignShift = tpr,
        Power = [new ShiftPower(0.01, tpr / 4), new ShiftPower(0.03, tpr)],
        Roc = [new RocPoint(threshold, fpr, tpr)],
    };
}
