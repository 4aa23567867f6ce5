using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Calibration;

/// <summary><c>ailab calibrate</c> for real: A/A experiments stored, a threshold chosen for the budget, and the next
/// A/B experiment of the same workflow deciding with it and saying so.</summary>
[Collection(TimingSensitive.Name)]
public sealed class CalibrateTests
{
    [Fact]
    public void Calibrate_ThenAb_VerdictUsesTheCalibratedThresholdAndSaysWhy()
    {
        using var sandbox = new Sandbox();
        // A workload whose TTFB is mostly a steady 250 ms wait, so that its relative noise is small even on a busy
        // machine, and a slowdown (+100%) that 6 trials detect at a 1-in-500 false-positive budget even when the
        // calibration ran while the machine was loaded.
        sandbox.Write("steady.py", """
            import os
            import time
            from ailab_probe import mark
            time.sleep(0.25)
            mark("imports")
            if os.environ.get("SLOW") == "1":
                time.sleep(0.250)
            mark("config_validation")
            mark("first_batch")
            """);
        string[] workflow = ["--run", $"{Workloads.Python} steady.py", "--warmup", "0", "--cpus", "0"];

        var calibrated = sandbox.Ailab(["calibrate", .. workflow, "--trials", "6", "--experiments", "2", "--budget", "1/week", "--volume", "500/week", "--json"]).AssertExit(0).Json();

        var id = calibrated.Str("calibration_id");
        Assert.StartsWith("cal-", id, StringComparison.Ordinal);
        Assert.Equal(2, calibrated.GetProperty("experiments").GetArrayLength());
        Assert.Equal(0.002, calibrated.GetProperty("budget_rate").GetDouble(), 9);
        var ttfb = calibrated.GetProperty("metrics").EnumerateArray().Single(m => m.Str("name") == "ttfb");
        Assert.Equal(24, ttfb.Int("n"));
        var threshold = ttfb.GetProperty("threshold");
        Assert.True(threshold.GetProperty("fpr").GetDouble() <= 0.002 + 1e-12, $"operating FPR {threshold.GetProperty("fpr")} above the budget 0.002");
        Assert.Contains(id, sandbox.Ailab("calibrate", "--list").AssertExit(0).Stdout, StringComparison.Ordinal);

        var ab = sandbox.Ailab(["ab", "--a", "SLOW=0", "--b", "SLOW=1", .. workflow, "--trials", "6", "--no-confirm", "--json"]).AssertExit(0).Json();

        var basis = ab.GetProperty("basis");
        Assert.Equal(id, basis.Str("calibration_id"));
        Assert.Equal(threshold.Str("detector"), basis.Str("test"));
        Assert.Contains($"calibration {id}", basis.Str("threshold_source"), StringComparison.Ordinal);
        Assert.Equal(6, basis.GetProperty("trials_used").Int("a"));
        Assert.Equal("regression", ab.Str("verdict"));

        // The table says the same in words.
        var table = sandbox.Ailab(["show", ab.Id()]).AssertExit(0).Stdout;
        Assert.Contains($"threshold: calibration {id}", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_BudgetWithPeriodButNoVolume_ExitsTwoSayingHowToFixIt()
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("calibrate", "--run", "true", "--budget", "1/week").AssertExit(2);

        Assert.Contains("--volume 500/week", result.Stderr, StringComparison.Ordinal);
    }
}
