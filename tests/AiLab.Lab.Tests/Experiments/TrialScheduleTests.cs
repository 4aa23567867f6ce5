using AiLab.Lab.Experiments;

namespace AiLab.Lab.Tests.Experiments;

public sealed class TrialScheduleTests
{
    private static readonly string[] AB = ["A", "B"];

    [Fact]
    public void Build_WithWarmups_PutsEveryWarmupBeforeTheFirstMeasuredTrial()
    {
        var schedule = TrialSchedule.Build(AB, trialsPerVariant: 5, warmupPerVariant: 2, seed: 7);

        Assert.Equal(2 * (5 + 2), schedule.Count);
        Assert.All(schedule.Take(4), s => Assert.True(s.IsWarmup));
        Assert.All(schedule.Skip(4), s => Assert.False(s.IsWarmup));
        Assert.Equal(2, schedule.Count(s => s.IsWarmup && s.Variant == "A"));
        Assert.Equal(2, schedule.Count(s => s.IsWarmup && s.Variant == "B"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    public void Build_MeasuredTrials_EachBlockHoldsEveryVariantOnce(int seed)
    {
        string[] labels = ["A", "B", "C"];
        var schedule = TrialSchedule.Build(labels, trialsPerVariant: 8, warmupPerVariant: 1, seed);

        var measured = schedule.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(24, measured.Count);
        for (var block = 0; block < 8; block++)
        {
            var variants = measured.Skip(block * labels.Length).Take(labels.Length).Select(s => s.Variant).Order(StringComparer.Ordinal);
            Assert.Equal(labels, variants);
        }
    }

    [Fact]
    public void Build_Sequences_AreZeroToCountMinusOneInOrder()
    {
        var schedule = TrialSchedule.Build(AB, trialsPerVariant: 6, warmupPerVariant: 3, seed: 11);

        Assert.Equal(Enumerable.Range(0, schedule.Count), schedule.Select(s => s.Sequence));
    }

    [Fact]
    public void Build_SameSeed_GivesTheSameSchedule()
    {
        var first = TrialSchedule.Build(AB, 12, 1, seed: 1234);
        var second = TrialSchedule.Build(AB, 12, 1, seed: 1234);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Build_DifferentSeed_GivesADifferentOrderOfTheSameTrials()
    {
        var first = TrialSchedule.Build(AB, 12, 1, seed: 1);
        var second = TrialSchedule.Build(AB, 12, 1, seed: 2);

        Assert.NotEqual(first.Select(s => s.Variant), second.Select(s => s.Variant));
        Assert.Equal(first.Count(s => s.Variant == "A"), second.Count(s => s.Variant == "A"));
    }

    [Fact]
    public void Build_ManyBlocks_UsesBothOrdersOfAPair()
    {
        // A fixed AB, AB, ... order would let drift of the machine fall on one variant only.
        var schedule = TrialSchedule.Build(AB, 20, 0, seed: 5);

        var firstOfBlock = schedule.Where(s => s.Sequence % 2 == 0).Select(s => s.Variant).ToList();
        Assert.Contains("A", firstOfBlock);
        Assert.Contains("B", firstOfBlock);
    }

    [Fact]
    public void Build_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => TrialSchedule.Build([], 3, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrialSchedule.Build(AB, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrialSchedule.Build(AB, 3, -1, 1));
    }
}
