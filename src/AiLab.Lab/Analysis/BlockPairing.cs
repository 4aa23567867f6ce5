using AiLab.Core.Experiments;
using AiLab.Stats.Paired;

namespace AiLab.Lab.Analysis;

/// <summary>The blocks of an experiment whose A and B trials ran side by side (started together in one wave, so they
/// shared the scheduler pass and whatever else the moment gave them): the pairs the paired verdict compares.</summary>
/// <param name="SideBySide">True when any measured trial ran side by side in a block
/// (<see cref="Core.Trials.TrialResult.Block"/>); false for trials run one at a time, which are never paired.</param>
/// <param name="Complete">The blocks with one successful A and one successful B trial, in block order.</param>
/// <param name="Dropped">Side-by-side blocks left out: an unpaired leftover or a failed partner.</param>
public sealed record BlockPairing(bool SideBySide, IReadOnlyList<(TrialRecord A, TrialRecord B)> Complete, int Dropped)
{
    /// <summary>The pairing of the measured trials of <paramref name="labelA"/> and
    /// <paramref name="labelB"/>.</summary>
    public static BlockPairing Of(IReadOnlyList<TrialRecord> measured, string labelA, string labelB)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var blocks = measured.Where(t => !t.IsWarmup && t.Result.Block is not null)
            .GroupBy(t => t.Result.Block!.Value).OrderBy(g => g.Key).ToList();
        var complete = new List<(TrialRecord, TrialRecord)>();
        foreach (var block in blocks)
        {
            var a = block.Where(t => t.Variant == labelA).ToList();
            var b = block.Where(t => t.Variant == labelB).ToList();
            if (a.Count == 1 && b.Count == 1 && a[0].Result.Succeeded && b[0].Result.Succeeded)
                complete.Add((a[0], b[0]));
        }

        return new BlockPairing(blocks.Count > 0, complete, blocks.Count - complete.Count);
    }

    /// <summary>The fewest complete blocks the paired test needs: the policy's minimum trials, and enough blocks that
    /// the Wilcoxon signed-rank check can agree at α at all (its smallest two-sided p-value is 2/2ⁿ, so 8 blocks at
    /// α = 0.01); with fewer, a real change could never be called and the verdict falls back to the unpaired
    /// tests.</summary>
    public static int MinimumBlocks(VerdictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var n = policy.MinTrials;
        while (!(WilcoxonSignedRankTest.SmallestExactPValue(n) < policy.Alpha)) n++;
        return n;
    }

    /// <summary>The (A, B) values of <paramref name="metric"/> in the complete blocks where both trials have
    /// it.</summary>
    public IReadOnlyList<(double A, double B)> Values(string metric)
    {
        var pairs = new List<(double, double)>();
        foreach (var (a, b) in Complete)
        {
            if (MetricCatalog.Extract(a.Result).TryGetValue(metric, out var x) &&
                MetricCatalog.Extract(b.Result).TryGetValue(metric, out var y))
                pairs.Add((x, y));
        }

        return pairs;
    }
}
