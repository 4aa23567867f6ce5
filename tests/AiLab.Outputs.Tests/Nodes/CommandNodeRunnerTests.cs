using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Nodes;

namespace AiLab.Outputs.Tests.Nodes;

/// <summary>The command runner against real Python processes.</summary>
public sealed class CommandNodeRunnerTests
{
    private const string Echo = """
        import json, sys
        for line in sys.stdin:
            ex = json.loads(line)
            print(json.dumps({"id": ex["id"], "score": BODY}), flush=True)
        """;

    [Fact]
    public async Task RunAsync_WellBehavedScript_ReturnsOneScorePerExampleInOrder()
    {
        var scores = await Run("ex[\"x\"] / 10");

        Assert.Equal([0.1, 0.2, 0.3], scores);
    }

    [Fact]
    public async Task RunAsync_NaNScore_FailsNamingNodeAndExample()
    {
        var e = await Assert.ThrowsAsync<NodeFailedException>(() => Run("float('nan') if ex['id'] == 'b' else 0.5"));

        Assert.Equal("node 'n', example 'b': score is NaN; a model must give a finite score.", e.Message);
    }

    [Fact]
    public async Task RunAsync_AnswersForAnotherExample_FailsNamingTheExpectedOne()
    {
        var e = await Assert.ThrowsAsync<NodeFailedException>(() => Run("0.5", idOverride: "ex['id'] + '-x'"));

        Assert.Equal("a", e.ExampleId);
        Assert.Contains("answered for example 'a-x' where 'a' was due", e.Message);
    }

    [Fact]
    public async Task RunAsync_ListInsteadOfOneScore_FailsWithTheShape()
    {
        var e = await Assert.ThrowsAsync<NodeFailedException>(() => Run("[0.1, 0.9]"));

        Assert.Contains("'score' is a list of 2 values; expected one score", e.Message);
        Assert.Equal("a", e.ExampleId);
    }

    [Fact]
    public async Task RunAsync_ScriptCrashes_ReportsExitCodeAndStderr()
    {
        var e = await Assert.ThrowsAsync<NodeFailedException>(() => Run("1 / 0 if ex['id'] == 'b' else 0.5"));

        Assert.Contains("exited with code 1 after 1 of 3 examples", e.Message);
        Assert.Contains("ZeroDivisionError", e.Message);
        Assert.Equal("b", e.ExampleId);
    }

    private static async Task<double[]> Run(string body, string idOverride = "ex[\"id\"]")
    {
        using var dir = new TempDir();
        dir.Write("model.py", Echo.Replace("BODY", body).Replace("ex[\"id\"], \"score\"", idOverride + ", \"score\""));
        var table = ExampleTableReader.Read(dir.Write("d.jsonl", "{\"id\":\"a\",\"x\":1}\n{\"id\":\"b\",\"x\":2}\n{\"id\":\"c\",\"x\":3}\n"), "id");
        var node = new ModelNodeSpec("n", NodeKind.Command, null, ["/usr/bin/python3", "model.py"], ["x"], null, "score", 1);
        return await new CommandNodeRunner().RunAsync(node, table, dir.Path, CancellationToken.None);
    }
}
