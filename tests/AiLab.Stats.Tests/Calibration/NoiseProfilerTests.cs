using System.Text.Json;
using AiLab.Stats.Calibration;
using AiLab.Testing.Noise;

namespace AiLab.Stats.Tests.Calibration;

public sealed class NoiseProfilerTests
{
    [Fact]
    public void Compute_LognormalValues_RecoversSpreadAndNormalShape()
    {
        var values = new SyntheticNoise(Median: 1000, LogSd: 0.05, TailShare: 0).Sample(4000, new Random(2));

        var profile = NoiseProfiler.Compute(values, perSide: 20);

        Tolerance.Close(0.05, profile.LogSd, relative: 0.05, what: "log sd");
        Tolerance.Close(0.05, profile.LogMadSd, relative: 0.08, what: "robust sd");
        Tolerance.Close(1000, profile.Median, relative: 0.01, what: "median");
        Assert.InRange(profile.TailWeight, 0.9, 1.1);
        Assert.InRange(profile.LogSkewness, -0.15, 0.15);
        Assert.InRange(profile.OutlierShare, 0, 0.01);
        Assert.True(profile.LevelShiftPValue > 0.001, $"no drift was planted, p = {profile.LevelShiftPValue}");
        // The geometric mean of n = 20 per side moves by 100·σ·√(2/n) ≈ 1.58% under no change.
        Tolerance.Close(1.58, profile.NullEffect.SdMeanChangePct, relative: 0.06, what: "null sd of the mean change");
        Assert.InRange(profile.NullEffect.WelchRateAt001, 0.005, 0.016);
    }

    [Fact]
    public void Compute_HeavyTailAndDrift_AreSeen()
    {
        var noise = new SyntheticNoise(LogSd: 0.02, TailShare: 0.1, TailMean: 0.3, DriftPerTrial: 0.0005);

        var profile = NoiseProfiler.Compute(noise.Sample(400, new Random(4)), perSide: 20);

        Assert.True(profile.TailWeight > 1.5, $"tail weight {profile.TailWeight}");
        Assert.True(profile.OutlierShare > 0.03, $"outliers {profile.OutlierShare}");
        Assert.True(profile.LogSkewness > 1, $"skewness {profile.LogSkewness}");
        // 0.05% per trial: +5% per 100 trials (the heavy tail makes the least-squares slope noisy, ±1 point).
        Tolerance.Close(5, profile.TrendPctPer100Trials, relative: 0, absolute: 2, what: "trend per 100 trials");
        Tolerance.Close(10, profile.LevelShiftPct, relative: 0, absolute: 4, what: "first half to second half");
        Assert.True(profile.LevelShiftPValue < 1e-6, $"level shift p {profile.LevelShiftPValue}");
        Assert.True(profile.BlockMedianPct[^1] > profile.BlockMedianPct[0]);
    }

    [Fact]
    public void Compute_ConstantValues_HasNoNaNAndRoundTripsThroughJson()
    {
        var values = Enumerable.Repeat(1500.0, 20).ToArray();

        var profile = NoiseProfiler.Compute(values, perSide: 5, splits: 200);
        var json = JsonSerializer.Serialize(profile);
        var back = JsonSerializer.Deserialize<NoiseProfile>(json)!;

        Assert.Equal(0, profile.LogSd);
        Assert.Equal(profile.Median, back.Median);
        Assert.Equal(profile.BlockMedianPct, back.BlockMedianPct);
        Assert.Equal(profile.NullEffect, back.NullEffect);
    }

    [Fact]
    public void Compute_TooFewValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => NoiseProfiler.Compute([1, 2, 3], perSide: 1));
        Assert.Throws<ArgumentException>(() => NoiseProfiler.Compute(Enumerable.Range(1, 20).Select(i => (double)i).ToArray(), perSide: 11));
    }
}
