using AiLab.Stats.Calibration;
using AiLab.Testing.Noise;

namespace AiLab.Stats.Tests.Calibration;

public sealed class ThresholdSelectorTieBreakTests
{
    [Fact]
    public void Select_NoDetectorSeesTheDesignShift_PicksTheOneWithMorePowerOverAllShifts()
    {
        // 30% noise hides a 3% shift from every detector at 6 trials; Mann–Whitney's z cannot even reach its
        // threshold at this n. The choice must then follow power at the larger shifts, not Monte Carlo luck at 3%.
        var pool = new SyntheticNoise(Median: 100, LogSd: 0.3, TailShare: 0).Sample(120, new Random(4));

        var selection = ThresholdSelector.Select(pool, 6, 0.001, ThresholdSelectorOptions.Default with { Seed = 5 });

        var chosen = selection.Candidates.Single(c => c.Detector == selection.Detector);
        Assert.All(selection.Candidates, c => Assert.True(
            chosen.Power.Average(p => p.Tpr) >= c.Power.Average(p => p.Tpr) || Math.Abs(chosen.TprAtDesignShift - c.TprAtDesignShift) > 0.01,
            $"{selection.Detector} chosen over {c.Detector} with less power overall"));
        Assert.NotEqual(Detector.MannWhitneyZ, selection.Detector);
    }
}
