using AiLab.Core.Capacity;

namespace AiLab.Lab.Tests.Capacity;

/// <summary>Ledger rows of known content, and a store that holds them.</summary>
internal static class CostRows
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TrialCost Stopped(string experiment, int sequence, double cpu, double stopCpu = 0.05,
        string workflow = "train", CapacityTier tier = CapacityTier.AdHoc, double minutes = 0) =>
        new(experiment, sequence, workflow, tier, Start.AddMinutes(minutes), false, true, cpu, cpu * 2, 0,
            "first_batch", stopCpu, 0.1);

    public static TrialCost Completed(string experiment, int sequence, double cpu, double tailCpu, double tailWall,
        string workflow = "train", CapacityTier tier = CapacityTier.AdHoc, bool warmup = true, double minutes = 0) =>
        new(experiment, sequence, workflow, tier, Start.AddMinutes(minutes), warmup, true, cpu, cpu * 2, 0, null,
            tailCpu, tailWall);
}
