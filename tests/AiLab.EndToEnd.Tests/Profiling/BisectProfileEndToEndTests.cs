using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Profiling;

/// <summary><c>bisect --profile</c> through the real CLI on a generated launcher history: the culprit is profiled
/// against its parent, and its bisect report, its incident and its stored experiment carry the findings and the
/// paths of the files.</summary>
[Collection(TimingSensitive.Name)]
public sealed class BisectProfileEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(12);

    [Fact]
    public void BisectProfile_ReprMemoizationInTheMiddleOfTheHistory_IncidentCarriesTheFindingAndItsFiles()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        var good = repo.Commit("launcher", Launchers.Files(false, false));
        for (var i = 1; i <= 2; i++) repo.Commit($"docs {i}", Launchers.Files(false, false, $"\n# note {i}"));
        var culprit = repo.Commit("key the feature cache on the table too", Launchers.Files(false, true));
        for (var i = 3; i <= 4; i++) repo.Commit($"docs {i}", Launchers.Files(false, true, $"\n# note {i}"));

        var result = sandbox.StartWith(new Dictionary<string, string?>(), "bisect", "--repo", repo.Path, "--good", good,
            "--bad", "HEAD", "--run", $"{Workloads.Python} train.py", "--trials", "8", "--max-trials", "12",
            "--warmup", "0", "--seed", "7", "--json", "--profile").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        var found = Assert.Single(doc.GetProperty("culprits").EnumerateArray());
        Assert.Equal(culprit, found.Str("commit"));
        Assert.Equal("regression", found.Str("verdict"));
        // The bisect report: the culprit's profile against its parent, its top finding on the planted chain.
        var profile = found.GetProperty("profile");
        var top = profile.GetProperty("findings")[0];
        string[] chain = ["repr", "features.memoize_key", "features.build_features"];
        Assert.True(chain.Contains(top.GetProperty("path")[0].GetString()), top.Str("summary"));
        Assert.True(top.GetProperty("change_ms").GetDouble() > 0, top.Str("summary"));
        var files = profile.GetProperty("files");
        foreach (var file in new[] { "flamegraph_html", "json", "speedscope" })
            Assert.True(File.Exists(files.Str(file)), $"{file}: {files.Str(file)} does not exist");

        // The incident filed for the culprit carries the same findings and links to the same files.
        var incidentId = Assert.Single(doc.GetProperty("incidents").EnumerateArray()).Str("id");
        var incident = sandbox.Ailab("incidents", "show", incidentId, "--json").AssertExit(0).Json();
        var carried = incident.GetProperty("profile");
        Assert.Equal(top.Str("summary"), carried.GetProperty("findings")[0].GetString());
        Assert.Equal(files.Str("flamegraph_html"), carried.Str("flamegraph_html"));
        Assert.Equal(files.Str("speedscope"), carried.Str("speedscope"));
        Assert.Equal(JsonValueKind.Null, carried.GetProperty("error").ValueKind);

        // And the culprit's own stored experiment keeps it with its verdict (ailab show).
        var shown = sandbox.Ailab("show", found.Str("experiment_id"), "--json").AssertExit(0).Json();
        Assert.Equal(top.Str("summary"), shown.GetProperty("profile").GetProperty("findings")[0].Str("summary"));
        Assert.Equal(files.Str("flamegraph_html"), shown.GetProperty("profile").GetProperty("files")
            .Str("flamegraph_html"));
    }
}
