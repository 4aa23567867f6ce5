using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Lab.Machine;
using AiLab.Lab.Tests.Support;
using AiLab.Stats.Sequential;

namespace AiLab.Lab.Tests.Machine;

public sealed class NoiseFloorTests
{
    [Fact]
    public void Compute_NoisyImportsQuietConfig_PutsTheVarianceInImportsAndSizesTheVerdicts()
    {
        var imports = new[] { 900.0, 1000, 1100, 950, 1050, 1000, 980, 1020 };
        var trials = imports.Select((ms, i) => new TrialRecord("run-1", i + 1, "A", false,
            Trials.Succeeded([("imports", ms), ("config_validation", 20 + (i % 2 * 0.1)), ("first_batch", 5)]))).ToList();
        trials.Insert(0, new TrialRecord("run-1", 0, "A", true, Trials.Succeeded([("imports", 5000), ("first_batch", 5)])));

        var noise = NoiseFloor.Compute(trials);

        Assert.Equal(8, noise.Measured);
        var ttfb = noise.Metrics.Single(m => m.Name == "ttfb");
        var logs = imports.Select((ms, i) => Math.Log(ms + 25 + (i % 2 * 0.1))).ToList();
        var mean = logs.Average();
        var logSd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1));
        Assert.Equal(logSd, ttfb.LogSd, 9);
        Assert.Equal(SequentialDesign.FixedDesignTrials(0.01, 0.9, 0.03, logSd), noise.TrialsFor3Pct);
        Assert.Equal(SequentialDesign.FixedDesignTrials(0.01, 0.9, 0.05, logSd), noise.TrialsFor5Pct);
        Assert.True(noise.TrialsFor3Pct > noise.TrialsFor5Pct);
        Assert.True(noise.Metrics.Single(m => m.Name == "phase:imports").ShareOfTtfbVariance > 0.99);
        Assert.True(Math.Abs(noise.Metrics.Single(m => m.Name == "phase:config_validation").ShareOfTtfbVariance!.Value) < 0.01);
        var shares = noise.Metrics.Where(m => m.ShareOfTtfbVariance is not null).Sum(m => m.ShareOfTtfbVariance!.Value);
        Assert.Equal(1.0, shares, 6);
    }

    [Fact]
    public void Advice_UnpinnedOnUnequalCoresWithNoisyImports_SaysPinAndNamesThePhase()
    {
        var cores = new CoreSpeedReport
        {
            Machine = new MachineIdentity("h", "cpu", 2, "b"), MeasuredAt = DateTimeOffset.UnixEpoch,
            Cores = [new CoreSpeed(0, 6.0, 0.01, 15), new CoreSpeed(1, 7.9, 0.01, 15)],
        };
        var imports = new[] { 900.0, 1200, 1000, 1300, 950, 1250, 1010, 1190 };
        var noise = NoiseFloor.Compute(imports.Select((ms, i) => new TrialRecord("run-1", i, "A", false,
            Trials.Succeeded([("imports", ms), ("first_batch", 5)]))).ToList());

        var advice = NoiseAdvice.For(cores, new CpuPinning(null, "none", "--cpus none"), new MachineState { OtherCpuCores = 0 }, ["performance", MachineState.Unavailable], noise);

        Assert.Contains(advice, a => a.StartsWith("pin the trials", StringComparison.Ordinal) && a.Contains("pins to 0", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.Contains("sits in phase:imports", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.StartsWith("a 3% verdict needs", StringComparison.Ordinal));
        Assert.DoesNotContain(advice, a => a.Contains("governor", StringComparison.Ordinal));
    }

    [Fact]
    public void Advice_PowersaveGovernorAndBusyNow_SaysBoth()
    {
        var advice = NoiseAdvice.For(null, new CpuPinning([0], "auto", "x"), new MachineState { OtherCpuCoresOnPinned = 0.9 }, ["powersave"], null);

        Assert.Contains(advice, a => a.StartsWith("the machine is busy now", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.Contains("governor to performance (now powersave)", StringComparison.Ordinal));
    }
}
