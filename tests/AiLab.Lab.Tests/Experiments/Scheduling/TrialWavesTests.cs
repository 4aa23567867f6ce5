using AiLab.Lab.Experiments;
using AiLab.Lab.Experiments.Scheduling;

namespace AiLab.Lab.Tests.Experiments.Scheduling;

public sealed class TrialWavesTests
{
    private static readonly IReadOnlyList<ScheduledTrial> Schedule = TrialSchedule.Build(["A", "B"], 6, 1, 7);

    [Fact]
    public void Next_OneSlot_RunsOneTrialAtATime()
    {
        var wave = new TrialWaves(2, 1).Next(Schedule, 1);

        Assert.Equal([0], wave.Select(s => s.Sequence));
    }

    [Fact]
    public void Next_TwoSlots_RunsWholeBlocksWithEveryVariantOnce()
    {
        var waves = Cut(new TrialWaves(2, 1), Schedule, 2);

        Assert.All(waves, w => Assert.Equal(["A", "B"], w.Select(s => s.Variant).Order()));
        Assert.Equal(Schedule.Select(s => s.Sequence), waves.SelectMany(w => w).Select(s => s.Sequence));
    }

    [Fact]
    public void Next_ThreeSlotsForTwoVariants_StillOneBlockSoAAndBStayBalanced()
    {
        var wave = new TrialWaves(2, 1).Next(Schedule, 3);

        Assert.Equal(2, wave.Count);
    }

    [Fact]
    public void Next_ManySlots_NeverMixesWarmupsWithMeasuredTrials()
    {
        var waves = Cut(new TrialWaves(2, 1), Schedule, 100);

        Assert.Equal(2, waves.Count);
        Assert.All(waves[0], s => Assert.True(s.IsWarmup));
        Assert.All(waves[1], s => Assert.False(s.IsWarmup));
    }

    [Fact]
    public void Next_SequentialLooks_AWaveEndsAtEveryLook()
    {
        // Looks at 2 and 4 trials per variant: the measured blocks 0-1 lead to the first look, 2-3 to the second.
        var waves = Cut(new TrialWaves(2, 1, [2, 4, 6]), Schedule, 8);

        Assert.Equal([2, 4, 4, 4], waves.Select(w => w.Count));
        Assert.Equal([5, 9, 13], waves.Skip(1).Select(w => w[^1].Sequence));
    }

    [Fact]
    public void Next_ResumedWithHalfABlockDone_RunsWhatIsLeftOfIt()
    {
        var pending = Schedule.Where(s => s.Sequence >= 5).ToList(); // slot 4, the first of its block, is done

        var wave = new TrialWaves(2, 1).Next(pending, 2);

        Assert.Equal([5], wave.Select(s => s.Sequence));
    }

    [Fact]
    public void Next_NothingPending_IsEmpty() => Assert.Empty(new TrialWaves(2, 0).Next([], 4));

    private static List<IReadOnlyList<ScheduledTrial>> Cut(
        TrialWaves waves, IReadOnlyList<ScheduledTrial> schedule, int slots)
    {
        var pending = schedule.ToList();
        var result = new List<IReadOnlyList<ScheduledTrial>>();
        while (pending.Count > 0)
        {
            var wave = waves.Next(pending, slots);
            result.Add(wave);
            pending.RemoveRange(0, wave.Count);
        }

        return result;
    }
}
