using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Outputs;

/// <summary><c>ailab outputs</c> as a real process on the real example: two PyTorch-trained ONNX versions of a model
/// compared through ONNX Runtime, stored, listed, shown; <c>init</c>'s DAG run unedited; bad input refused clearly.</summary>
public sealed class OutputsTests
{
    [Fact]
    public void Run_EquivalentRetrain_IsReadyForTraffic()
    {
        using var sandbox = new Sandbox();
        var example = CopyExample(sandbox);

        var result = sandbox.Ailab("outputs", "run", Path.Combine(example, "equivalent.yaml"), "--fail-on", "failed").AssertExit(0);

        Assert.Contains("Verdict: READY FOR TRAFFIC", result.Stdout);
        Assert.DoesNotContain("FAIL", result.Stdout);
    }

    [Fact]
    public void Run_CandidateWorseOnSliceC_FailsNamingTheSliceAndMetricAndIsStoredWithItsFlips()
    {
        using var sandbox = new Sandbox();
        var example = CopyExample(sandbox);

        var result = sandbox.Ailab("outputs", "run", Path.Combine(example, "slice-regression.yaml"), "--fail-on", "failed").AssertExit(4);

        Assert.Contains("FAIL slice 'c': auroc got worse by", result.Stdout);
        Assert.Contains("FAIL slice 'c': accuracy got worse by", result.Stdout);
        Assert.DoesNotContain("FAIL slice 'a'", result.Stdout);
        Assert.DoesNotContain("FAIL slice 'b'", result.Stdout);
        Assert.Contains("Verdict: NOT READY", result.Stdout);

        var list = sandbox.Ailab("outputs", "list").AssertExit(0);
        var id = list.Stdout.Split(' ', 2)[0];
        Assert.StartsWith("out-", id);
        Assert.Contains("NOT READY", list.Stdout);
        var show = sandbox.Ailab("outputs", "show", id, "--flips", "3", "--json").AssertExit(0).Json();
        var flipped = show.GetProperty("flipped").EnumerateArray().ToList();
        Assert.NotEmpty(flipped);
        Assert.Equal("c", flipped[0].GetProperty("slice").GetString());
    }

    [Fact]
    public void Init_ExampleModelAndData_WritesADagThatRunsUnedited()
    {
        using var sandbox = new Sandbox();
        var example = CopyExample(sandbox);

        var init = sandbox.Ailab("outputs", "init", "--model", Path.Combine(example, "models", "baseline.onnx"),
            "--data", Path.Combine(example, "data", "test.jsonl"), "--out", "generated.yaml").AssertExit(0);
        Assert.Contains("dry run passed", init.Stdout);
        var dag = File.ReadAllText(Path.Combine(sandbox.Work, "generated.yaml"));
        Assert.Contains("type: features", dag);
        foreach (var f in new[] { "f0", "f1", "f2", "f3" }) Assert.Contains($"{f}: {{ from: {f}, op: copy }}", dag);
        Assert.Equal(2, dag.Split("features: features").Length - 1);
        Assert.Contains("slice: slice", dag);
        Assert.Contains("baseline-outputs: generated.yaml", File.ReadAllText(Path.Combine(sandbox.Work, "ailab.yaml")));

        sandbox.Ailab("outputs", "run", "generated.yaml", "--dry-run").AssertExit(0);
        var run = sandbox.Ailab("outputs", "run", "baseline-outputs", "--config", "ailab.yaml", "--fail-on", "failed")
            .AssertExit(0);
        Assert.Contains("READY FOR TRAFFIC", run.Stdout);
        Assert.Contains("baseline-outputs", sandbox.Ailab("outputs", "list").AssertExit(0).Stdout);

        // Point the candidate at the new version, as the generated file says: the same entry now fails on slice c.
        File.WriteAllText(Path.Combine(sandbox.Work, "generated.yaml"),
            ReplaceLast(dag, "baseline.onnx", "candidate_slice_c.onnx"));
        var worse = sandbox.Ailab("outputs", "run", "baseline-outputs", "--fail-on", "failed").AssertExit(4);
        Assert.Contains("FAIL slice 'c'", worse.Stdout);

        // A second init of the same model refuses to take the entry's name twice, and leaves ailab.yaml as it was.
        var before = File.ReadAllText(Path.Combine(sandbox.Work, "ailab.yaml"));
        var again = sandbox.Ailab("outputs", "init", "--model", Path.Combine(example, "models", "baseline.onnx"),
            "--data", Path.Combine(example, "data", "test.jsonl"), "--out", "second.yaml").AssertExit(2);
        Assert.Contains("already has a comparison 'baseline-outputs'", again.Stderr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(sandbox.Work, "ailab.yaml")));
    }

    private static string ReplaceLast(string text, string old, string replacement)
    {
        var at = text.LastIndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    [Fact]
    public void Run_BadInputs_RefusedWithNodeAndExampleAndEarlierComparisonsKept()
    {
        using var sandbox = new Sandbox();
        var example = CopyExample(sandbox);
        sandbox.Ailab("outputs", "run", Path.Combine(example, "equivalent.yaml")).AssertExit(0);
        var dag = File.ReadAllText(Path.Combine(example, "equivalent.yaml"));

        // A column the data does not have: bad input, exit 2, naming the node and the column.
        File.WriteAllText(Path.Combine(example, "missing.yaml"), dag.Replace("columns: [f0, f1, f2, f3]\n    output: score\n  - name: candidate",
            "columns: [f0, f1, f2, f9]\n    output: score\n  - name: candidate"));
        var missing = sandbox.Ailab("outputs", "run", Path.Combine(example, "missing.yaml")).AssertExit(2);
        Assert.Contains("node 'baseline' reads column 'f9', which test.jsonl does not have", missing.Stderr);

        // A command node that answers NaN for one example: the node failed, exit 3, naming node and example.
        File.WriteAllText(Path.Combine(example, "nan.py"), """
            import json, sys
            for line in sys.stdin:
                ex = json.loads(line)
                print(json.dumps({"id": ex["id"], "score": float("nan") if ex["id"] == "ex2-00007" else 0.5}))
            """);
        File.WriteAllText(Path.Combine(example, "nan.yaml"), dag.Replace(
            "type: onnx\n    model: models/candidate_equivalent.onnx\n    input: features",
            "type: command\n    run: [/usr/bin/python3, nan.py]"));
        var nan = sandbox.Ailab("outputs", "run", Path.Combine(example, "nan.yaml")).AssertExit(3);
        Assert.Contains("node 'candidate', example 'ex2-00007': score is NaN", nan.Stderr);

        // A config mistake: file:line and a fix, exit 2.
        File.WriteAllText(Path.Combine(example, "typo.yaml"), dag.Replace("auroc: { max_drop", "aurox: { max_drop"));
        var typo = sandbox.Ailab("outputs", "run", Path.Combine(example, "typo.yaml")).AssertExit(2);
        Assert.Matches(@"typo\.yaml:\d+:\d+: error: Unknown metric 'aurox'", typo.Stderr);

        // A store that cannot be opened is found before any node runs: the command node never starts.
        File.WriteAllText(Path.Combine(example, "marker.py"), """
            import json, sys
            open("node-ran", "w").close()
            for line in sys.stdin:
                print(json.dumps({"id": json.loads(line)["id"], "score": 0.5}))
            """);
        File.WriteAllText(Path.Combine(example, "marker.yaml"), dag.Replace(
            "type: onnx\n    model: models/candidate_equivalent.onnx\n    input: features",
            "type: command\n    run: [/usr/bin/python3, marker.py]"));
        var store = sandbox.Ailab("outputs", "run", Path.Combine(example, "marker.yaml"), "--db",
            "postgres://nobody:x@127.0.0.1:1/none");
        Assert.NotEqual(0, store.ExitCode);
        Assert.False(File.Exists(Path.Combine(example, "node-ran")), "the node ran although the store was unusable");

        // Nothing stored was lost, and nothing half-done was stored.
        var list = sandbox.Ailab("outputs", "list").AssertExit(0);
        Assert.Single(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("equivalent", list.Stdout);
    }

    private static string CopyExample(Sandbox sandbox)
    {
        var source = Path.Combine(Path.GetDirectoryName(AilabProcess.DllPath)!, "examples", "outputs-compare");
        var target = Path.Combine(sandbox.Work, "outputs-compare");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
