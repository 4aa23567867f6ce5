using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.ChangeTier;

/// <summary><c>ailab shrink</c> and <c>ailab change</c> on a real generated repository: three Python workflows that
/// share a core module and each load a module of their own, measured through the real CLI and the probe.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ChangeTierTests
{
    private static readonly string[] Workflows = ["wa", "wb", "wc"];

    private static string Script(string own) => $"""
        import json, sys
        from ailab_probe import mark
        import pkg.core
        {(own.Length > 0 ? $"import pkg.{own}" : "")}
        mark("imports")
        cfg = json.load(open(sys.argv[2]))
        mark("config_validation")
        total = sum(range(cfg["steps"]))
        mark("first_batch")
        """;

    private static Dictionary<string, string> Base() => new()
    {
        ["README.md"] = "# generated\n",
        ["pkg/__init__.py"] = "",
        ["pkg/core.py"] = "VALUE = 1\n",
        ["pkg/a.py"] = "A = 1\n",
        ["pkg/b.py"] = "B = 1\n",
        ["wa.py"] = Script("a"), ["wb.py"] = Script("b"), ["wc.py"] = Script(""),
        ["wa.json"] = """{"steps": 200000}""", ["wb.json"] = """{"steps": 200000}""", ["wc.json"] = """{"steps": 200000}""",
        ["ailab.yaml"] = "workflows:\n" + string.Concat(Workflows.Select(w =>
            $"  {w}:\n    run: {Workloads.Python} {w}.py --config {w}.json\n    timeout: 2m\n")),
    };

    [Fact]
    public void ShrinkThenChange_DocsOnlyRunsNothingAndAModuleChangeRunsOnlyTheWorkflowLoadingIt()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        Directory.CreateDirectory(Path.Combine(repo.Path, "pkg"));
        repo.Commit("base", Base());
        var config = Path.Combine(repo.Path, "ailab.yaml");
        foreach (var w in Workflows)
        {
            var shrink = sandbox.Ailab(["shrink", "--config", config, "--workflow", w, "--json"]).AssertExit(0).Json();
            Assert.True(shrink.GetProperty("fidelity").GetProperty("passed").GetBoolean(), shrink.ToString());
        }

        Assert.Contains("wa.shrunk.json", File.ReadAllText(Path.Combine(repo.Path, "ailab.shrunk.yaml")),
            StringComparison.Ordinal);
        Assert.Equal("""{"steps": 200000}""", File.ReadAllText(Path.Combine(repo.Path, "wa.json")));
        repo.Commit("Add the shrunk workflows", new Dictionary<string, string>());

        repo.Commit("Document the layout", new Dictionary<string, string> { ["README.md"] = "# generated\nlayout\n" });
        var docs = sandbox.Ailab(["change", "--repo", repo.Path, "--base", "HEAD~1", "--json"]).AssertExit(0).Json();
        Assert.Equal("no_change", docs.Str("verdict"));
        Assert.Empty(docs.GetProperty("ran").EnumerateArray());
        Assert.All(docs.GetProperty("skipped").EnumerateArray(), s => Assert.Equal("not_touched", s.Str("reason")));

        repo.Commit("Warm the cache at import", new Dictionary<string,
            string> { ["pkg/a.py"] = "import time\ntime.sleep(0.15)\nA = 1\n" });
        var slow = sandbox.Ailab(["change", "--repo", repo.Path, "--base", "HEAD~1", "--trials", "6", "--no-confirm",
            "--json"])
            .AssertExit(0).Json();
        var ran = Assert.Single(slow.GetProperty("ran").EnumerateArray());
        Assert.Equal(("wa", "wa-shrunk", "regression"), (ran.Str("workflow"), ran.Str("test"), ran.Str("verdict")));
        Assert.Equal(["pkg/a.py"], ran.GetProperty("touching_paths").EnumerateArray().Select(p => p.GetString()));
        Assert.True(ran.GetProperty("spent_cpu_seconds").GetDouble() > 0);
        Assert.Equal("regression", slow.Str("verdict"));
        Assert.Equal(["wb", "wc"], slow.GetProperty("skipped").EnumerateArray().Select(s => s.Str("workflow")).Order());

        repo.Commit("Touch the core", new Dictionary<string, string> { ["pkg/core.py"] = "VALUE = 1  # shared\n" });
        var all = sandbox.Ailab(["change", "--repo", repo.Path, "--base", "HEAD~1", "--dry-run",
            "--json"]).AssertExit(0).Json();
        Assert.Equal(3, all.GetProperty("selected_not_run").GetArrayLength());
        var none = sandbox.Ailab(["change", "--repo", repo.Path, "--base", "HEAD~1", "--dry-run",
            "--budget-cpu-seconds", "0.001",
            "--json"]).AssertExit(0).Json();
        Assert.All(none.GetProperty("skipped").EnumerateArray(), s => Assert.Equal("over_budget", s.Str("reason")));
        Assert.Equal(JsonValueKind.Number, none.GetProperty("capacity").GetProperty("budget_cpu_seconds").ValueKind);
    }

    [Fact]
    public void Shrink_ConfigItDoesNotUnderstand_Exits2WithTheKeyAndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        var dir = Path.Combine(sandbox.Root, "w");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "c.json"), """{"epochs": "all of them"}""");
        File.WriteAllText(Path.Combine(dir, "ailab.yaml"), "workflows:\n  t:\n    run: python3 t.py --config c.json\n");
        var before = Directory.GetFiles(dir).Order().Select(File.ReadAllText).ToList();

        var result = sandbox.Ailab(["shrink", "--config", Path.Combine(dir, "ailab.yaml"), "--workflow",
            "t"]).AssertExit(2);

        Assert.Contains("c.json: 'epochs'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("whole number", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(dir).Order().Select(File.ReadAllText).ToList());
    }
}
