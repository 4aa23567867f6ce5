using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Doctor;

/// <summary><c>ailab doctor</c> as a user runs it: the real per-core calibration, a real workload's noise
/// floor.</summary>
public sealed class DoctorTests
{
    [Fact]
    public void Doctor_RealWorkload_ReportsEveryCoreThePinningAndTheNoiseFloor()
    {
        using var sandbox = DefaultPinning();
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("doctor", "--run", $"{Workloads.Python} phased.py", "--trials", "4", "--warmup", "0", "--json").AssertExit(0);

        var doc = result.Json();
        var speeds = doc.GetProperty("cores").GetProperty("speeds").EnumerateArray().ToList();
        Assert.Equal(Environment.ProcessorCount, speeds.Count);
        Assert.All(speeds, s => Assert.True(s.GetProperty("median_ms").GetDouble() > 0));
        Assert.Equal("auto", doc.GetProperty("pinning").Str("source"));
        Assert.Equal(JsonValueKind.Object, doc.GetProperty("now").ValueKind);
        var noise = doc.GetProperty("noise");
        Assert.Equal(4, noise.GetProperty("measured").GetInt32());
        var ttfb = noise.GetProperty("metrics").EnumerateArray().Single(m => m.Str("name") == "ttfb");
        Assert.Equal(4, ttfb.GetProperty("n").GetInt32());
        Assert.True(ttfb.GetProperty("cv_pct").GetDouble() >= 0);
        Assert.Contains(noise.GetProperty("metrics").EnumerateArray(), m => m.Str("name") == "phase:config_validation");
        var needed = noise.GetProperty("trials_needed");
        Assert.True(needed.GetProperty("shift_3_pct").GetInt32() >= needed.GetProperty("shift_5_pct").GetInt32());
        Assert.Equal([10, 20, 30], doc.GetProperty("default_ab_design").GetProperty("looks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(File.Exists(Path.Combine(sandbox.Home, "machine", "core-speeds.json")), "the calibration was not cached");
    }

    [Fact]
    public void Doctor_SecondRun_ReusesTheCachedCalibrationAndPrintsTheText()
    {
        using var sandbox = DefaultPinning();
        sandbox.Ailab("doctor", "--json").AssertExit(0);

        var result = sandbox.Ailab("doctor").AssertExit(0);

        Assert.Contains("core speeds  CPU 0 ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(cached, measured ", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"difference   (the slowest core takes \d+\.\d% longer|one core)", result.Stdout);
        Assert.Matches(@"pinning      (CPU|not pinned)", result.Stdout);
        Assert.Contains("cpufreq      CPU 0: governor ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("To lower the noise", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_WorkloadFails_ExitsThreeAfterReporting()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("crash.py", "import sys\nsys.exit(5)\n");

        var result = sandbox.Ailab("doctor", "--run", $"{Workloads.Python} crash.py", "--trials", "3", "--warmup", "0").AssertExit(3);

        Assert.Contains("Noise floor:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no successful trial", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trials", "2", "--trials must be at least 3")]
    [InlineData("--cpus", "0-999", "CPU 999 does not exist here")]
    public void Doctor_BadOption_ExitsTwo(string option, string value, string message)
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("doctor", "--run", "true", option, value).AssertExit(2);

        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private static Sandbox DefaultPinning()
    {
        var sandbox = new Sandbox();
        sandbox.Environment["AILAB_CPUS"] = null;
        return sandbox;
    }
}
