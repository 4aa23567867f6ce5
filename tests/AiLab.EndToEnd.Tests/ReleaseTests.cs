using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests;

/// <summary><c>ailab release</c> as a real process: the suite's workflows A/B-tested between two releases, naming both
/// regressions and the improvement with their phases; with <c>--bisect</c>, the culprit.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ReleaseTests
{
    private static readonly string Config = $"""
        workflows:
          launcher:
            run: {BisectTestRepository.Run}
            build: {BisectTestRepository.Build}
            expect_phases: [imports, config_validation, preprocessing, model_build]
        """;

    [Fact]
    public void Release_HistoryWithTwoRegressionsAndAnImprovement_NamesEachPhase()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 62, config: Config);

        var result = Release(sandbox, history, "main").AssertExit(0);

        var workflow = Assert.Single(result.Json().GetProperty("workflows").EnumerateArray().ToList());
        Assert.Equal("launcher", workflow.Str("workflow"));
        Assert.Equal("regression", workflow.Str("verdict"));
        var moved = workflow.GetProperty("phases_moved").EnumerateArray().ToDictionary(p => p.Str("name"), p => p.Str("verdict"));
        Assert.Equal("regression", moved["phase:config_validation"]);
        Assert.Equal("regression", moved["phase:preprocessing"]);
        Assert.Equal("improvement", moved["phase:model_build"]);
        Assert.Equal(JsonValueKindNull, workflow.GetProperty("bisect").ValueKind);
    }

    [Fact]
    public void Release_WithBisect_NamesTheCulpritOfTheChange()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12, config: Config);
        var to = history.Chain[history.Culprits["config_validation"] + 1];

        var result = Release(sandbox, history, to, "--bisect", "--fail-on", "regression").AssertExit(4);

        var doc = result.Json();
        var culprit = Assert.Single(doc.GetProperty("culprits").EnumerateArray().ToList());
        Assert.Equal(history.Chain[history.Culprits["config_validation"]], culprit.Str("commit"));
        Assert.Equal("config_validation", culprit.Str("phase"));
        Assert.Equal("launcher", culprit.Str("workflow"));
        Assert.Contains("matched --fail-on", result.Stderr, StringComparison.Ordinal);
        // The release comparison was confirmed before it was bisected, and the culprit became an incident.
        var confirmation = Assert.Single(doc.GetProperty("workflows").EnumerateArray().ToList()).GetProperty("confirmation");
        Assert.True(confirmation.GetProperty("confirmed").GetBoolean(), confirmation.Str("reason"));
        sandbox.Ailab("show", confirmation.Str("experiment_id")).AssertExit(0);
        Assert.Matches(@"incident inc-[0-9a-f]{16} recorded", result.Stderr);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static CliResult Release(Sandbox sandbox, BisectTestRepository history, string to, params string[] extra)
    {
        using var running = sandbox.Start(["release", "--repo", history.Repo.Path, "--from", "base", "--to", to,
            "--trials", "6", "--warmup", "0", "--cpus", "0", "--json", .. extra]);
        return running.WaitForExit(TimeSpan.FromMinutes(3));
    }
}
