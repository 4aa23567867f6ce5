using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

public sealed class ProfileDiffTests
{
    [Fact]
    public void Compute_PlantedReprUnderHelper_TopFindingNamesReprTheHelperAndTheCalls()
    {
        var random = new Random(1);
        var calls = new List<CallCount> { new("builtins.repr", "features.memoize_key", 50_000), new("builtins.repr",
            null, 50_010) };
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random), SyntheticProfiles.Variant("B", 5,
            60, random), calls);

        var diff = ProfileDiff.Compute(set, ProfileOptions.Default);

        var top = Assert.Single(diff.Findings);
        Assert.Equal(["repr", "features.memoize_key", "features.build_features", "train.<module>"], top.Path);
        Assert.InRange(top.Change.DeltaMs, 50, 70);
        Assert.True(top.Change.LowMs > 0);
        Assert.Equal(50_000, top.CandidateCalls);
        Assert.Equal("preprocessing", top.Phase);
        Assert.Contains("in repr ← features.memoize_key ← features.build_features", top.Summary,
            StringComparison.Ordinal);
        Assert.Contains("(50,000 calls)", top.Summary, StringComparison.Ordinal);
        Assert.Equal(top.Change.DeltaMs / diff.ReferenceTtfbMs * 100, top.Change.PctOfTtfb, 9);
        var repr = diff.Functions.Single(f => f.Function == "repr");
        Assert.True(repr.Self.Significant);
    }

    [Fact]
    public void Compute_ReferenceTtfb_PercentagesAreOfTheMeasuredTtfb()
    {
        var random = new Random(2);
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random), SyntheticProfiles.Variant("B", 5,
            60, random));

        var diff = ProfileDiff.Compute(set, ProfileOptions.Default, referenceTtfbMs: 600);

        Assert.Equal(600, diff.ReferenceTtfbMs);
        Assert.Equal(diff.Findings[0].Change.DeltaMs / 6, diff.Findings[0].Change.PctOfTtfb, 9);
    }

    [Fact]
    public void Compute_EveryTrialAccountsForItsTtfb_RootMediansEqualTheTtfbMedians()
    {
        var random = new Random(3);
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random), SyntheticProfiles.Variant("B", 5,
            0, random));

        var diff = ProfileDiff.Compute(set, ProfileOptions.Default);

        Assert.Equal(diff.BaselineTtfbMs, diff.Tree.BaselineMs, 6);
        Assert.Equal(diff.CandidateTtfbMs, diff.Tree.CandidateMs, 6);
    }

    [Fact]
    public void Compute_OneReadableTrial_ThrowsNamingTheVariantAndTheProblems()
    {
        var random = new Random(4);
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 1, 0, random), SyntheticProfiles.Variant("B", 3,
            0, random))
            with { Problems = ["profiled trial 3 (A, sample) failed: exit 1"] };

        var e = Assert.Throws<InvalidOperationException>(() => ProfileDiff.Compute(set, ProfileOptions.Default));

        Assert.Contains("variant A has 1 readable profiled trials", e.Message, StringComparison.Ordinal);
        Assert.Contains("exit 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The noise rule, measured: 400 neutral comparisons of 5 against 5 trials, each with 30 functions whose
    /// times vary by 15% (lognormal) from trial to trial, give at most 5% with any finding; a planted change of 4% of
    /// TTFB (20 ms) is found in at least 90% of 400 comparisons.</summary>
    [Fact]
    [Trait("Category", "Simulation")]
    public void Compute_NeutralAndPlantedSimulations_FalseFindingRateAndPower()
    {
        var random = new Random(5);
        var (falseAlarms, found) = (0, 0);
        const int Runs = 400;
        for (var i = 0; i < Runs; i++)
        {
            var neutral = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random),
                SyntheticProfiles.Variant("B", 5, 0, random));
            if (ProfileDiff.Compute(neutral, ProfileOptions.Default with { Seed =
                i }).Findings.Count > 0) falseAlarms++;
            var planted = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random),
                SyntheticProfiles.Variant("B", 5, 20, random));
            var findings = ProfileDiff.Compute(planted, ProfileOptions.Default with { Seed = i }).Findings;
            if (findings.Count > 0 && findings[0].Path[0] == "repr") found++;
        }

        Console.WriteLine($"profile diff: {falseAlarms} of {Runs} neutral comparisons with a finding; the planted " +
            $"change the top finding in {found} of {Runs}");
        Assert.True(falseAlarms <= Runs * 0.05, $"{falseAlarms} of {Runs} neutral comparisons had a finding");
        Assert.True(found >= Runs * 0.9, $"the planted change was the top finding in {found} of {Runs}");
    }
}
