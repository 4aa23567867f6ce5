using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Ab;

/// <summary>Issue 8's example on a generated history: a commit adds ~120 ms of blocking work to config validation of
/// a launcher whose import phase is noisy (a torch-free stand-in for <c>import torch</c> on a busy machine: a random
/// sleep with a log sd of 0.35). TTFB alone cannot decide it; the phases can.</summary>
[Collection(TimingSensitive.Name)]
public sealed class PhaseDecomposedAbTests
{
    private const string Launcher = """
        "A training launcher with a noisy import phase."
        import math
        import random
        import threading
        import time

        from ailab_probe import mark

        time.sleep(random.lognormvariate(math.log(0.45), 0.35))  # stands in for import torch on a busy machine
        mark("imports")


        def audit():
            time.sleep(0.120)


        def validate_config():
            cfg = {"batch_size": 32, "lr": 0.001}
            {0}
            return cfg


        cfg = validate_config()
        mark("config_validation")
        data = list(range(cfg["batch_size"] * 100))
        mark("preprocessing")
        model = object()
        mark("model_build")
        batch = data[:8]
        mark("first_batch")
        """;

    [Fact]
    public void Ab_DefaultOptions_ExactConfigShiftUnderImportNoise_ConfirmedRegressionDecidedByThePhase()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        repo.Commit("launcher", new Dictionary<string, string> { ["train.py"] = Launcher.Replace("{0}", "pass", StringComparison.Ordinal) });
        // The "fire-and-forget" audit client that joins its thread: 120 ms of blocking work in config validation.
        var audit = "t = threading.Thread(target=audit); t.start(); t.join()";
        repo.Commit("send an audit record on start", new Dictionary<string, string> { ["train.py"] = Launcher.Replace("{0}", audit, StringComparison.Ordinal) });

        // Default options (no --trials, no --cpus), as a new user or a CI gate would run it.
        var result = sandbox.Ailab("ab", "--repo", repo.Path, "--a", "HEAD~1", "--b", "HEAD", "--run", $"{Workloads.Python} -S train.py",
                                   "--json", "--fail-on", "regression");

        result.AssertExit(4);
        var doc = result.Json();
        Assert.Equal("regression", doc.Str("verdict"));
        Assert.Equal("phase:config_validation", doc.Str("cause"));
        var confirmation = doc.GetProperty("confirmation");
        Assert.True(confirmation.GetProperty("confirmed").GetBoolean(), confirmation.Str("reason"));
        var basis = doc.GetProperty("basis");
        Assert.Equal("phase_decomposed_holm", basis.Str("rule"));
        Assert.Equal("phase:config_validation", basis.Str("decided_by"));
        Assert.StartsWith("decided by phase:config_validation +1", basis.Str("summary"), StringComparison.Ordinal);
        // The family: its six members without CPU times, plus the CPU time of each phase that was CPU-bound here
        // (docs/statistics.md, "CPU time of CPU-bound phases"), which the machine decides.
        var cpuMetrics = doc.GetProperty("metrics").EnumerateArray()
            .Count(m => m.Str("name").StartsWith("phase_cpu:", StringComparison.Ordinal));
        Assert.InRange(basis.GetProperty("family_size").GetInt32(), 6, 6 + cpuMetrics);
        var ttfbChange = basis.GetProperty("ttfb_change_pct").GetDouble();
        Assert.InRange(ttfbChange, 5, 60);
        var cv = doc.GetProperty("metrics").EnumerateArray().First(m => m.Str("name") == "phase:config_validation");
        Assert.InRange(cv.GetProperty("diff").GetDouble(), 100, 200);
        Assert.True(cv.GetProperty("p_holm").GetDouble() <= 0.01);
    }
}
