using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Profiling;

/// <summary>Issue 14 on generated launcher histories, through the real CLI: profiled trials between the measured
/// ones, their diff, the import view, and the verdict that stays what it is without them.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ProfileEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private static (Sandbox Sandbox, GitRepo Repo) History(Dictionary<string, string> a, Dictionary<string, string> b,
        string subject)
    {
        var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        repo.Commit("launcher", a);
        repo.Commit(subject, b);
        return (sandbox, repo);
    }

    [Fact]
    public void AbProfile_MemoizationKeyedOnReprOfTheTable_TopFindingNamesReprAndTheHelperAtThePhaseChangesShare()
    {
        var (sandbox, repo) = History(Launchers.Files(false, false), Launchers.Files(false, true),
            "key the feature cache on the table too");
        using var _ = sandbox;

        // With the default options (8 profiled trials a variant, a sample every 1 ms).
        // Before the sampler lowered the interpreter's switch
        // interval for the window, a sample waited up to 5 ms for the GIL and landed wherever the main thread was by
        // then: on a quiet machine the planted +15-20 ms was named on build_features or missed its phase change by
        // 3.3 points, 1 run in 3, and the tests sampled every 1 ms (docs/profiling.md, "The GIL hand-over").
        var result = sandbox.StartWith(new Dictionary<string, string?>(), "ab", "--repo", repo.Path, "--a", "HEAD~1",
            "--b", "HEAD",
            "--run", $"{Workloads.Python} train.py", "--trials", "8", "--seed", "7", "--json",
                "--profile").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        var metrics = string.Join("; ", doc.GetProperty("metrics").EnumerateArray().Select(m =>
            $"{m.Str("name")} {m.Str("verdict")} p={m.GetProperty("p_value")}"));
        Assert.True(doc.Str("verdict") == "regression",
            $"{doc.Str("verdict")}: {metrics}; confirmation {doc.GetProperty("confirmation").GetRawText()}");
        Assert.True(doc.GetProperty("confirmation").GetProperty("confirmed").GetBoolean());
        var profile = doc.GetProperty("profile");
        var top = profile.GetProperty("findings")[0];
        // The issue's wording: the top finding names repr and the helper, with the helper's caller and the calls.
        Assert.Equal(["repr", "features.memoize_key", "features.build_features"],
            top.GetProperty("path").EnumerateArray().Take(3).Select(p => p.GetString()));
        Assert.Contains("repr ← features.memoize_key ← features.build_features", top.Str("summary"),
            StringComparison.Ordinal);
        Assert.Equal(6, top.GetProperty("calls_b").GetInt64());

        Assert.Equal("preprocessing", top.Str("phase"));
        // The finding's share of TTFB against the phase change, both over the measured TTFB of A. The profiled
        // trials ran between the measured ones, so both saw the same machine (as a batch after them, a busy machine
        // drifted 5.1% against 7.9%). Within 3 points of the phase change of the same (profiled) trials; against the
        // verdict's phase change, 5 profiled against 8 measured trials at load 50 still differ by sampling noise
        // (docs/benchmarks.md: 0.5 to 8.9 points, the two sets' own phase changes up to 7.8 apart), so there the
        // finding must lie in the verdict's own interval for that change, widened by the same 3 points.
        Assert.True(profile.GetProperty("interleaved_trials").GetInt32() > 0, profile.GetRawText());
        var share = top.GetProperty("pct_of_ttfb").GetDouble();
        var ttfbA = doc.Metric("ttfb").GetProperty("a").GetProperty("median").GetDouble();
        var phase = doc.Metric("phase:preprocessing");
        var phaseShare = (phase.GetProperty("b").GetProperty("median").GetDouble() -
                          phase.GetProperty("a").GetProperty("median").GetDouble()) / ttfbA * 100;
        var ci = phase.GetProperty("ci_diff").EnumerateArray().Select(v => v.GetDouble() / ttfbA * 100).ToList();
        var profiledPhase = profile.GetProperty("phases").EnumerateArray().Single(p => p.Str("phase") ==
            "preprocessing");
        var profiledShare = profiledPhase.GetProperty("pct_of_ttfb").GetDouble();
        var findings = string.Join("; ", profile.GetProperty("findings").EnumerateArray().Select(f =>
            $"{f.Str("summary")} (own {f.GetProperty("own_change_ms")} ms)"));
        var shares = $"finding {share:0.0}%, verdict's phase change {phaseShare:0.0}% [{ci[0]:0.0}, {ci[1]:0.0}], " +
                     $"profiled trials' {profiledShare:0.0}%; findings: {findings}";
        Console.WriteLine("profile e2e: " + shares);
        var nearProfiled = Math.Abs(share - profiledShare) <= 3;
        var inVerdict = share >= ci[0] - 3 && share <= ci[1] + 3;
        // On a machine the lab itself flags as busy, a CPU-bound phase's change moves with the neighbours from one
        // trial to the next, and 8 profiled against 8 measured trials can disagree by more than 3 points (at load ~30,
        // 3 of 4 runs with 5 profiled trials: the finding 3.3 to 4.8 points from its own trials' phase change, or
        // outside the verdict's interval while within 3 points of its own). There the finding must still agree
        // with one of the two measurements; on a quiet machine, with both.
        var busy = doc.GetProperty("notes").EnumerateArray()
            .Any(n => n.GetString()!.Contains("while the machine was busy", StringComparison.Ordinal));
        Assert.True(busy ? nearProfiled || inVerdict : nearProfiled && inVerdict, (busy ? "busy: " : "") + shares);
        Assert.True(File.Exists(profile.GetProperty("files").Str("flamegraph_html")));

        // The verdict never saw a profiled trial: what is stored (the measured trials only) gives the same verdict.
        var shown = sandbox.Ailab("show", doc.Id(), "--json").AssertExit(0).Json();
        Assert.Equal(doc.Str("verdict"), shown.Str("verdict"));
        foreach (var metric in shown.GetProperty("metrics").EnumerateArray())
        {
            var reported = doc.Metric(metric.Str("name"));
            Assert.Equal(metric.Str("verdict"), reported.Str("verdict"));
            Assert.Equal(metric.GetProperty("b").GetProperty("median").GetDouble(),
                reported.GetProperty("b").GetProperty("median").GetDouble());
        }

        Assert.Equal((16, 2, 0), shown.TrialCounts());
        // The stored experiment keeps the findings with its verdict: show, its JSON (and the dashboard) carry them.
        var kept = shown.GetProperty("profile");
        Assert.Equal(profile.GetProperty("findings").EnumerateArray().Select(f => f.Str("summary")),
            kept.GetProperty("findings").EnumerateArray().Select(f => f.Str("summary")));
        Assert.Equal(profile.GetProperty("files").Str("flamegraph_html"), kept.GetProperty("files")
            .Str("flamegraph_html"));
        var table = sandbox.Ailab("show", doc.Id()).AssertExit(0).Stdout;
        Assert.Contains("Profile findings", table, StringComparison.Ordinal);
        Assert.Contains(top.Str("summary"), table, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_HeavyImportMadeLazy_ImportViewNamesTheModuleThatLeftTheWindowAndItsTime()
    {
        var (sandbox, repo) = History(Launchers.Files(false, false), Launchers.Files(true, false),
            "import heavy only when training");
        using var _ = sandbox;

        var result = sandbox.StartWith(new Dictionary<string, string?>(), "profile", "--repo", repo.Path, "--a",
            "HEAD~1", "--b", "HEAD",
            "--run", $"{Workloads.Python} train.py", "--trials", "3", "--no-call-counts", "--json").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        var left = doc.GetProperty("imports").GetProperty("left_window")[0];
        Assert.Equal("heavy", left.Str("module"));
        Assert.InRange(left.GetProperty("a_ms").GetDouble(), 240, 2000);
        Assert.Equal(0, left.GetProperty("b_ms").GetDouble());
        var heavy = doc.GetProperty("imports").GetProperty("modules").EnumerateArray().Single(m => m.Str("module") ==
            "heavy");
        Assert.Equal("left", heavy.Str("window"));
        Assert.True(doc.GetProperty("findings").GetArrayLength() > 0, "no finding above noise");
        var top = doc.GetProperty("findings")[0];
        Assert.Equal(["time.sleep", "heavy.<module>", "import heavy"],
            top.GetProperty("path").EnumerateArray().Take(3).Select(p => p.GetString()));
        Assert.True(top.GetProperty("change_ms").GetDouble() < -200, top.Str("summary"));
    }

    [Fact]
    public void Profile_NeutralChange_NoFindingAboveNoise()
    {
        var (sandbox, repo) = History(Launchers.Files(false, false), Launchers.Files(false, false, "\n# a comment"),
            "comment");
        using var _ = sandbox;

        var result = sandbox.StartWith(new Dictionary<string, string?>(), "profile", "--repo", repo.Path, "--a",
            "HEAD~1", "--b", "HEAD",
            "--run", $"{Workloads.Python} train.py", "--trials", "5", "--no-call-counts", "--json").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        Assert.True(doc.GetProperty("findings").GetArrayLength() == 0, doc.GetProperty("findings").GetRawText());
        Assert.Equal(0, doc.GetProperty("imports").GetProperty("left_window").GetArrayLength());
        Assert.True(doc.GetProperty("functions").GetArrayLength() > 3);
    }

    [Fact]
    public void FlameGraph_OpenedInHeadlessChromium_ShowsTheTopFinding()
    {
        var chromium = ChromiumRunner.Locate();
        var (sandbox, repo) = History(Launchers.Files(false, false), Launchers.Files(false, true),
            "key the feature cache on the table too");
        using var _ = sandbox;
        var result = sandbox.StartWith(new Dictionary<string, string?>(), "profile", "--repo", repo.Path, "--a",
            "HEAD~1", "--b", "HEAD",
            "--run", $"{Workloads.Python} train.py", "--trials", "5", "--json")
            .WaitForExit(Long);
        result.AssertExit(0);
        var doc = result.Json();
        var html = doc.GetProperty("files").Str("flamegraph_html");
        // Default options, as the ab --profile test: the top finding is the planted repr, named with the helper.
        Assert.True(doc.GetProperty("findings").GetArrayLength() > 0, "no finding above noise");
        var top = doc.GetProperty("findings")[0];
        var path = top.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(["repr", "features.memoize_key"], path.Take(2));

        var dom = ChromiumRunner.DumpDom(chromium, html);
        var screenshot = ChromiumRunner.Screenshot(chromium, html, Path.Combine(sandbox.Root, "flamegraph.png"));

        Assert.Contains("data-rendered=\"1\"", dom, StringComparison.Ordinal);
        // As the DOM dump serialises a text node: only &, < and > escaped.
        var summary = top.Str("summary").Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        Assert.Contains(summary, dom, StringComparison.Ordinal);
        // The top finding's frame is drawn and highlighted: a frame element labelled with the finding's frame.
        Assert.Matches("class=\"f hl\"[^>]*>" + System.Text.RegularExpressions.Regex.Escape(path[0]) + " [+-]", dom);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 5000, $"the screenshot has {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
