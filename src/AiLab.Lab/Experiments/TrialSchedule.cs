namespace AiLab.Lab.Experiments;

/// <summary>The order trials run in: warm-ups first, then measured trials in randomized blocks.</summary>
/// <remarks>Each block holds every variant once in a random order (AB, BA, BA, AB, ...), so slow drift of the machine
/// (thermal, page cache, a neighbour's job) falls on both variants alike — a randomized complete block design
/// (Montgomery, Design and Analysis of Experiments, ch. 4). The order comes from the experiment's seed, so a resumed
/// experiment rebuilds exactly the same schedule.</remarks>
public static class TrialSchedule
{
    /// <summary>Builds the schedule for <paramref name="labels"/>.</summary>
    public static IReadOnlyList<ScheduledTrial> Build(IReadOnlyList<string> labels, int trialsPerVariant, int warmupPerVariant, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("at least one variant is needed", nameof(labels));
        ArgumentOutOfRangeException.ThrowIfLessThan(trialsPerVariant, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupPerVariant);
        var random = new Random(seed);
        var schedule = new List<ScheduledTrial>();
        for (var w = 0; w < warmupPerVariant; w++)
            foreach (var label in labels) schedule.Add(new ScheduledTrial(schedule.Count, label, true));

        var block = labels.ToArray();
        for (var i = 0; i < trialsPerVariant; i++)
        {
            random.Shuffle(block);
            foreach (var label in block) schedule.Add(new ScheduledTrial(schedule.Count, label, false));
        }

        return schedule;
    }
}
