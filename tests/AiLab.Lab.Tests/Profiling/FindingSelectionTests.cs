using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

/// <summary>Which call paths become findings, on hand-made trials whose every number is chosen: the shapes a loaded
/// machine produced in CI (a parent above noise whose callee misses the noise rule, a parent carrying a sibling's
/// noise) and the one the rule exists for (a parent whose change is spread over many small callees).</summary>
public sealed class FindingSelectionTests
{
    private static readonly ProfileFrame[] Frames =
    [
        new("train", "<module>", "/w/train.py", 1), new("features", "build_features", "/w/features.py", 8),
        new("features", "memoize_key", "/w/features.py", 4), new("builtins", "repr", "~", 0),
        new("<import>", "heavy", "/w/heavy.py", 0), new("heavy", "<module>", "/w/heavy.py", 1),
        new("time", "sleep", "~", 0), .. Enumerable.Range(0, 13).Select(i => new ProfileFrame("lib", $"g{i}",
            "/w/lib.py", 10 * i + 1)),
        new("ailab_probe", "mark", "/p/ailab_probe/__init__.py", 40), new("ailab_probe", "_emit",
            "/p/ailab_probe/__init__.py", 20), new("posix", "write", "~", 0),
    ];

    private static readonly int[] Repr = [0, 1, 2, 3];
    private static readonly int[] Sleep = [0, 4, 5, 6];
    private static readonly int[] ModuleSelf = [0];
    private static readonly int[] BuildSelf = [0, 1];

    /// <summary>Millisecond jitter per trial, so that no quantity is exactly constant.</summary>
    private static readonly double[] Jitter = [0, 0.4, -0.4, 0.2, -0.2];

    [Fact]
    public void Compute_ParentAboveNoiseCalleeJustUnderTheIqrRuleSiblingNoise_TopFindingIsTheCallee()
    {
        // repr in B: median +45 ms, interquartile range 50 ms (just under the rule), interval excluding zero. The
        // sleep beside it: +40 ms of noise (its own range is 49 ms). Their sum in the module is tight: +80 ms, above
        // noise, and repr's 45 ms is under 60% of it, so the old rule named train.<module> first (CI, 2 cores).
        double[] reprB = [20, 25, 45, 75, 80];
        double[] sleepA = [250, 252, 248, 251, 249];
        double[] sleepB = [330, 300, 290, 251, 250];
        var a = Trials("A", t => [(Sleep, sleepA[t]), (ModuleSelf, 20), (BuildSelf, 10)]);
        var b = Trials("B", t => [(Sleep, sleepB[t]), (ModuleSelf, 20), (BuildSelf, 10), (Repr, reprB[t])]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        var module = diff.Stacks.Single(s => s.Path.Count == 2 && s.Path[1] == "train.<module>");
        Assert.True(module.Inclusive.Significant, "the shape needs the parent above noise");
        var repr = diff.Stacks.Single(s => s.Path[^1] == "repr");
        Assert.False(repr.Inclusive.Significant, "the shape needs the callee just under the noise rule");
        Assert.True(repr.Inclusive.LowMs > 0);
        var top = Assert.Single(diff.Findings);
        Assert.Equal(["repr", "features.memoize_key", "features.build_features", "train.<module>"], top.Path);
        Assert.InRange(top.Change.DeltaMs, 44, 46);
        Assert.Null(top.Unexplained);
    }

    [Fact]
    public void Compute_ParentWithItsOwnSmallerChange_CalleeFirstThenTheParentForWhatItAdds()
    {
        // repr +50 ms above noise; the module's own time +35 ms above noise as well. The module's inclusive change
        // (+85) is larger and repr explains under 60% of it: ranked by inclusive change the module came first.
        var a = Trials("A", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10)]);
        var b = Trials("B", _ => [(Sleep, 250), (ModuleSelf, 55), (BuildSelf, 10), (Repr, 50)]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        Assert.Equal(2, diff.Findings.Count);
        Assert.Equal("repr", diff.Findings[0].Path[0]);
        var module = diff.Findings[1];
        Assert.Equal(["train.<module>"], module.Path);
        Assert.Equal(85, module.Change.DeltaMs, 1);
        Assert.Equal(35, module.Unexplained!.DeltaMs, 1);
        Assert.True(module.Unexplained.Significant);
        Assert.Contains("+35 ms of it outside the findings below it", module.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ChangeSpreadOverManySmallCallees_TheParentIsTheFinding()
    {
        // Twelve callees of build_features, each +3 ms (under the 10 ms floor): only their parent can be named.
        var a = Trials("A", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), .. Callees(12, 5)]);
        var b = Trials("B", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), .. Callees(12, 8)]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal(["features.build_features", "train.<module>"], finding.Path);
        Assert.Equal(36, finding.Change.DeltaMs, 1);
        Assert.Null(finding.Unexplained);
    }

    [Fact]
    public void Compute_SpreadBesideOneLargeCallee_BothTheParentForTheSpreadAndTheCalleeAreNamed()
    {
        // One callee +25 ms (a finding of its own) and twelve +3 ms: the parent is judged against the sum of the
        // findings below it, and the 36 ms they leave are its own.
        var a = Trials("A", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), .. Callees(12, 5), (Repr, 5)]);
        var b = Trials("B", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), .. Callees(12, 8), (Repr, 30)]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        Assert.Equal(2, diff.Findings.Count);
        Assert.Equal(["features.build_features", "train.<module>"], diff.Findings[0].Path);
        Assert.Equal(36, diff.Findings[0].Own.DeltaMs, 1);
        Assert.Equal(61, diff.Findings[0].Change.DeltaMs, 1);
        Assert.Equal("repr", diff.Findings[1].Path[0]);
    }

    [Fact]
    public void Compute_ChangeInsideTheProbesOwnWrite_NotNamedAndNotOnTheWorkloadsFrames()
    {
        // A loaded machine once made the probe's write of a mark line +17 ms slower in B (posix.write ← _emit ←
        // mark, 3 calls): the lab's own cost, the same code in A and B. It stays in TTFB, under its own node.
        int[] probeWrite = [0, 20, 21, 22];
        var a = Trials("A", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), (probeWrite, 1)]);
        var b = Trials("B", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10), (probeWrite, 50)]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        Assert.Empty(diff.Findings);
        var probe = diff.Stacks.Single(s => s.Path.Count == 2 && s.Path[1] == "(ailab probe)");
        Assert.InRange(probe.Inclusive.DeltaMs, 45, 55);
        var module = diff.Stacks.Single(s => s.Path.Count == 2 && s.Path[1] == "train.<module>");
        Assert.InRange(module.Inclusive.DeltaMs, -1, 1);
        Assert.DoesNotContain(diff.Stacks,
            s => s.Path.Any(f => f.StartsWith("ailab_probe.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compute_SiblingNoiseOnly_NoFinding()
    {
        // The sleep's B trials spread by 80 ms: no path, parent or callee, is named.
        double[] sleepB = [330, 250, 290, 251, 300];
        var a = Trials("A", _ => [(Sleep, 250), (ModuleSelf, 20), (BuildSelf, 10)]);
        var b = Trials("B", t => [(Sleep, sleepB[t]), (ModuleSelf, 20), (BuildSelf, 10)]);

        var diff = ProfileDiff.Compute(SyntheticProfiles.Set(a, b), ProfileOptions.Default);

        Assert.Empty(diff.Findings);
    }

    private static IEnumerable<(int[] Path, double Ms)> Callees(int count, double ms) =>
        Enumerable.Range(0, count).Select(i => (new[] { 0, 1, 7 + i }, ms));

    private static List<TrialProfile> Trials(string label, Func<int, IEnumerable<(int[] Path, double Ms)>> stacks) =>
        Enumerable.Range(0, Jitter.Length).Select(t =>
        {
            var sampled = stacks(t).Select(s => new SampledStack("preprocessing", s.Path, Math.Max(1, (int)(s.Ms / 5)),
                s.Ms + Jitter[t] * s.Ms / 100)).ToList();
            return new TrialProfile
            {
                Variant = label, TtfbMs = 30 + sampled.Sum(s => s.Ms), UnprofiledMs = 30, IntervalMs = 5,
                Frames = Frames, Stacks = sampled, Imports = [],
            };
        }).ToList();
}
