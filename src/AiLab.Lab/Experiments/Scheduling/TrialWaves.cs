namespace AiLab.Lab.Experiments.Scheduling;

/// <summary>Cuts the slots an experiment still has to run into waves of trials that run at once. A wave is either one
/// slot (one trial at a time, as on a local machine) or whole blocks of the schedule — each block holds every variant
/// once (<see cref="TrialSchedule"/>) — so that every wave runs A and B side by side in equal numbers and a slow
/// period, or the contention between the trials of the wave, falls on both alike. A wave never mixes warm-ups with
/// measured trials, and never runs past a look of the sequential design, so that the trials a decision is taken on
/// are exactly those it would be taken on one at a time.</summary>
public sealed class TrialWaves
{
    private readonly int _blockSize;
    private readonly int _warmupBlocks;
    private readonly IReadOnlyList<int> _looks;

    /// <summary>Waves for a schedule of <paramref name="variants"/> variants with <paramref name="warmupPerVariant"/>
    /// warm-up rounds; <paramref name="looks"/> are the sequential design's looks in trials per variant (empty for a
    /// fixed design).</summary>
    public TrialWaves(int variants, int warmupPerVariant, IReadOnlyList<int>? looks = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variants, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupPerVariant);
        _blockSize = variants;
        _warmupBlocks = warmupPerVariant;
        _looks = looks ?? [];
    }

    /// <summary>The next wave from <paramref name="pending"/> (the slots not run yet, in schedule order) when
    /// <paramref name="slots"/> trials may be in flight at once; empty when nothing is pending.</summary>
    public IReadOnlyList<ScheduledTrial> Next(IReadOnlyList<ScheduledTrial> pending, int slots)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0) return [];
        var blocks = Math.Max(1, slots) / _blockSize;
        if (blocks == 0) return [pending[0]];
        var first = pending[0];
        var wave = new List<ScheduledTrial>();
        var seen = new HashSet<int>();
        foreach (var slot in pending)
        {
            if (Segment(slot) != Segment(first)) break;
            if (seen.Add(Block(slot)) && seen.Count > blocks) break;
            wave.Add(slot);
        }

        return wave;
    }

    /// <summary>The block a slot belongs to: warm-up rounds and measured blocks are each one variant's worth of
    /// consecutive slots.</summary>
    private int Block(ScheduledTrial slot) => slot.Sequence / _blockSize;

    /// <summary>Warm-ups are segment -1; measured blocks are numbered by the look they lead up to, so a wave ends at
    /// every look.</summary>
    private int Segment(ScheduledTrial slot)
    {
        if (slot.IsWarmup) return -1;
        var measuredBlock = Block(slot) - _warmupBlocks;
        for (var k = 0; k < _looks.Count; k++)
            if (measuredBlock < _looks[k]) return k;
        return _looks.Count;
    }
}
