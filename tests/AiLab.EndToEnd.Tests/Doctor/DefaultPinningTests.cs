using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Doctor;

/// <summary>ab's defaults: the CPUs come from the core-speed calibration and are recorded; the default trial count
/// is the first look of the extension design; --trials and --cpus none opt out.</summary>
public sealed class DefaultPinningTests
{
    [Fact]
    public void Ab_Defaults_RecordsTheAutomaticPinningAndTheExtensionDesign()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["AILAB_CPUS"] = null;
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", $"{Workloads.Python} phased.py",
            "--warmup", "0", "--no-confirm", "--json").AssertExit(0);

        var doc = result.Json();
        var pinning = doc.GetProperty("pinning");
        Assert.Equal("auto", pinning.Str("source"));
        Assert.Contains("core-speed calibration", pinning.Str("reason"), StringComparison.Ordinal);
        Assert.Equal([10, 20, 30], doc.GetProperty("extension").GetProperty("looks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("ailab: trials pinned: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("regression", doc.Str("verdict"));
        var shown = sandbox.Ailab("show", doc.Id(), "--trials").AssertExit(0).Stdout;
        Assert.Contains("  cpus      ", shown, StringComparison.Ordinal);
        Assert.Contains("others=", shown, StringComparison.Ordinal);
        var trial = sandbox.Ailab("show", doc.Id(), "--trials", "--json").AssertExit(0).Json().GetProperty("trial_results")[0];
        Assert.Equal(JsonValueKind.Object, trial.GetProperty("machine").ValueKind);
        Assert.True(trial.GetProperty("machine").GetProperty("other_cpu_cores").GetDouble() >= 0);
    }

    [Fact]
    public void Ab_ExplicitTrialsAndCpusNone_KeepsAStrictUnpinnedDesign()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["AILAB_CPUS"] = null;
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=0", "--run", $"{Workloads.Python} phased.py",
            "--trials", "3", "--warmup", "0", "--cpus", "none", "--no-confirm", "--json").AssertExit(0);

        var doc = result.Json();
        Assert.Equal("none", doc.GetProperty("pinning").Str("source"));
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("pinning").GetProperty("cpus").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("extension").ValueKind);
        Assert.Equal((6, 0, 0), doc.TrialCounts());
        Assert.False(File.Exists(Path.Combine(sandbox.Home, "machine", "core-speeds.json")), "--cpus none still calibrated");
    }
}
