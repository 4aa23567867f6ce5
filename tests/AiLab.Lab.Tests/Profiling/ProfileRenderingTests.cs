using System.Text.Json;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Rendering;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

public sealed class ProfileRenderingTests
{
    private static (ProfileSet Set, ProfileDiffResult Diff) Planted()
    {
        var random = new Random(7);
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 4, 0, random), SyntheticProfiles.Variant("B", 4,
            60, random));
        return (set, ProfileDiff.Compute(set, ProfileOptions.Default));
    }

    [Fact]
    public void FlameGraphHtml_StackDeeperThanTheJsonWritersDefaultDepth_RendersEveryFrame()
    {
        // ML.NET under reflection: `ab --profile` on the example failed with "CurrentDepth (64) ... maximum allowed
        // depth of 64" writing the flame graph's nested tree.
        var (_, diff) = Planted();
        var node = new FlameNode("deepest", 1, 2, false, []);
        for (var i = 0; i < 150; i++) node = new FlameNode($"frame{i}", 1, 2, false, [node]);

        var html = FlameGraphHtml.Render(diff with { Tree = node }, "deep");

        Assert.Contains("\"deepest\"", html, StringComparison.Ordinal);
        Assert.Contains("\"frame149\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FlameGraphHtml_PlantedFinding_SelfContainedWithTheFindingInItsData()
    {
        var (_, diff) = Planted();

        var html = FlameGraphHtml.Render(diff, "A vs B <test>");

        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<test>", html, StringComparison.Ordinal);
        Assert.Contains("A vs B &lt;test&gt;", html, StringComparison.Ordinal);
        Assert.Contains("memoize_key", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/*DATA*/null", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SpeedscopeExport_TwoVariants_OneSampledProfilePerTrialWithValidFrameIndexes()
    {
        var (set, _) = Planted();

        using var doc = JsonDocument.Parse(SpeedscopeExport.Render(set, "x").ToJsonString());

        var root = doc.RootElement;
        Assert.Equal("https://www.speedscope.app/file-format-schema.json", root.GetProperty("$schema").GetString());
        var frames = root.GetProperty("shared").GetProperty("frames").GetArrayLength();
        var profiles = root.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(8, profiles.Count);
        foreach (var profile in profiles)
        {
            Assert.Equal("sampled", profile.GetProperty("type").GetString());
            Assert.Equal("milliseconds", profile.GetProperty("unit").GetString());
            Assert.Equal(profile.GetProperty("samples").GetArrayLength(),
                profile.GetProperty("weights").GetArrayLength());
            Assert.All(profile.GetProperty("samples").EnumerateArray().SelectMany(s => s.EnumerateArray()),
                i => Assert.InRange(i.GetInt32(), 0, frames - 1));
            var sum = profile.GetProperty("weights").EnumerateArray().Sum(w => w.GetDouble());
            Assert.Equal(profile.GetProperty("endValue").GetDouble(), sum, 1);
        }
    }

    [Fact]
    public void ProfileJsonAndTable_PlantedFinding_NameItWithItsInterval()
    {
        var (_, diff) = Planted();

        var json = ProfileJson.Render(diff, new ProfileReportFiles("/p", "/p/diff.json", "/p/flamegraph.html",
            "/p/s.json"), 2.5);
        var table = ProfileTable.Render(diff, null);

        var finding = json["findings"]!.AsArray()[0]!;
        Assert.Equal("repr", finding["path"]![0]!.GetValue<string>());
        Assert.Equal(2, finding["ci_ms"]!.AsArray().Count);
        Assert.Equal(2.5, json["overhead_pct"]!.GetValue<double>());
        Assert.Equal("/p/flamegraph.html", json["files"]!["flamegraph_html"]!.GetValue<string>());
        Assert.Contains("finding: +", table, StringComparison.Ordinal);
        Assert.Contains("repr ← features.memoize_key", table, StringComparison.Ordinal);
    }
}
