using System.Globalization;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests;

/// <summary><c>ailab bisect</c> as a real process on a generated repository with known culprits: each found exactly,
/// with its phase and within its budget; the unbuildable commit skipped; neutral ranges blaming nobody.</summary>
[Collection(TimingSensitive.Name)]
public sealed class BisectTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public void Bisect_HistoryWithTwoRegressionsAndAnImprovement_FindsEachExactlyWithItsPhaseWithinBudget()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 62);

        var result = Run(sandbox, history, "base", "main").AssertExit(0);

        var doc = result.Json();
        var culprits = doc.GetProperty("culprits").EnumerateArray().ToList();
        var expected = history.Culprits.OrderBy(kv => kv.Value).Select(kv => (history.Chain[kv.Value], kv.Key)).ToArray();
        Assert.Equal(expected, culprits.Select(c => (c.Str("commit"), c.Str("phase"))).ToArray());
        Assert.Equal(["regression", "improvement", "regression"], culprits.Select(c => c.Str("verdict")).ToArray());
        Assert.All(culprits, c => Assert.Equal("ttfb", c.Str("metric")));
        Assert.All(culprits, c => Assert.Equal("E2E Tester", c.Str("author")));
        Assert.Equal("Validate every config key against the full schema", culprits[0].Str("subject"));
        Assert.InRange(culprits[0].GetProperty("phase_diff").GetDouble(), 85, 130);
        Assert.InRange(culprits[1].GetProperty("phase_diff").GetDouble(), -140, -105);
        Assert.InRange(culprits[2].GetProperty("phase_diff").GetDouble(), 65, 110);
        Assert.All(culprits, c => Assert.True(c.GetProperty("ci_pct").GetArrayLength() == 2));

        // The first midpoint cannot be built: it is skipped and reported, as git bisect skip would.
        var skipped = doc.GetProperty("skipped").EnumerateArray().Select(s => s.Str("commit")).ToList();
        Assert.Equal([history.Chain[history.Broken]], skipped);
        Assert.Empty(doc.GetProperty("unresolved").EnumerateArray());
        var experiments = doc.Int("experiments");
        var budget = doc.GetProperty("budget").Int("per_culprit");
        Assert.Equal(9, budget);
        Assert.True(experiments <= (3 * budget) + skipped.Count, $"{experiments} experiments > 3 × {budget} + {skipped.Count} skipped");
        // A skipped commit's experiment stops at its failed build; the others run at least the policy's minimum per side.
        Assert.InRange(doc.Int("trials"), (experiments - skipped.Count) * 2 * 3, experiments * 2 * 12);

        // Every step is an ordinary stored experiment: the culprit's evidence can be shown.
        var evidence = sandbox.Ailab("show", culprits[0].Str("experiment_id"), "--json").AssertExit(0).Json();
        Assert.Equal(history.Chain[history.Culprits["config_validation"]], evidence.GetProperty("variants")[1].Str("commit"));
        Assert.Contains("FOUND", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("skip ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bisect_RangesWithoutAChange_NameNoCulprit()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 24);
        var cv = history.Culprits["config_validation"];

        foreach (var (good, bad) in new[] { (1, cv - 1), (cv, history.Broken - 1) })
        {
            var doc = Run(sandbox, history, history.Chain[good], history.Chain[bad]).AssertExit(0).Json();

            Assert.Empty(doc.GetProperty("culprits").EnumerateArray());
            Assert.NotEqual("regression", doc.GetProperty("range").Str("verdict"));
        }
    }

    [Fact]
    public void Bisect_TableOutput_NamesThePhaseTheCommitAndTheBudget()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);
        var culprit = history.Chain[history.Culprits["config_validation"]];
        // An untracked ailab.yaml in the repository names a Markdown sink: the regression becomes an incident there.
        File.WriteAllText(Path.Combine(history.Repo.Path, "ailab.yaml"), "workflows:\n  launcher: {run: python3 train.py}\nnotify:\n  sinks:\n    - type: markdown\n      directory: incidents\n");

        var result = Run(sandbox, history, "base", history.Chain[history.Culprits["config_validation"] + 1], json: false).AssertExit(0);

        Assert.Matches($@"config_validation got \d+(\.\d)? ms slower in {culprit[..12]}", result.Stdout);
        Assert.Contains("Validate every config key against the full schema", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"budget ⌈log2 {history.Culprits["config_validation"] + 1}⌉ + 3"), result.Stdout, StringComparison.Ordinal);

        // One incident, stored and written to the sink, naming the culprit and its author.
        Assert.Matches(@"incident inc-[0-9a-f]{16} recorded", result.Stderr);
        var incidents = sandbox.Ailab("incidents", "list", "--json").AssertExit(0).Stdout;
        Assert.Contains(culprit, incidents, StringComparison.Ordinal);
        var written = Directory.GetFiles(Path.Combine(history.Repo.Path, "incidents"), "*.md").Where(f => Path.GetFileName(f).StartsWith("inc-", StringComparison.Ordinal)).ToList();
        var page = File.ReadAllText(Assert.Single(written, f => File.ReadAllText(f).Contains(culprit[..12], StringComparison.Ordinal)));
        Assert.Contains("E2E Tester", page, StringComparison.Ordinal);
        Assert.Contains("config_validation", page, StringComparison.Ordinal);
    }

    private static CliResult Run(Sandbox sandbox, BisectTestRepository history, string good, string bad, bool json = true)
    {
        string[] args = ["bisect", "--repo", history.Repo.Path, "--good", good, "--bad", bad, "--run", BisectTestRepository.Run,
                         "--build", BisectTestRepository.Build, "--trials", "6", "--max-trials", "12", "--warmup", "0", "--cpus", "0"];
        using var running = sandbox.Start(json ? [.. args, "--json"] : args);
        return running.WaitForExit(Limit);
    }
}
