using AiLab.Core.Capacity;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Capacity;

/// <summary>Estimates what stopping saved. A stopped trial's unrun tail cannot be observed, so it is estimated from
/// trials of the same workflow that ran to completion: each stopped trial would have spent the median tail of those
/// reference trials (CPU and wall time after the last needed mark), less what its own stop took (the SIGTERM, the
/// grace, the exit). The warm-ups of an experiment that stops its trials run to completion for exactly this reason,
/// so every such experiment carries its own reference; without one, the estimate is unknown, never guessed.</summary>
public static class StopSavings
{
    /// <summary>The estimate for the stopped trials of <paramref name="trials"/>, with references from the same list
    /// (or from <paramref name="history"/> when it has none).</summary>
    public static StopSavingsEstimate Estimate(IReadOnlyList<TrialCost> trials, IReadOnlyList<TrialCost>? history = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var stopped = trials.Where(t => t.Stopped).ToList();
        if (stopped.Count == 0) return StopSavingsEstimate.None;
        var references = References(trials);
        var method = $"median tail after the marks of {references.Count} trial(s) of the same experiment that ran "
                     + "to completion (its warm-ups), less each stopped trial's own stop";
        if (references.Count == 0 && history is not null)
        {
            var workflows = stopped.Select(t => t.Workflow).ToHashSet(StringComparer.Ordinal);
            references = References(history.Where(t => workflows.Contains(t.Workflow)).ToList())
                .OrderByDescending(t => t.StartedAt).Take(MaxHistoryReferences).ToList();
            method = $"median tail after the marks of the {references.Count} latest trial(s) of the same workflow that "
                     + "ran to completion, less each stopped trial's own stop";
        }

        if (references.Count == 0)
            return new StopSavingsEstimate(stopped.Count, 0, null, null,
                "not estimated: no trial of this workflow ran to completion past its marks (warm-ups do; so does "
                + "run_to: completion)");
        var cpuTail = Descriptive.Median(references.Select(t => t.CpuAfterMarksSeconds!.Value).ToList());
        var wallTail = Descriptive.Median(references.Select(t => t.WallAfterMarksSeconds!.Value).ToList());
        var cpu = stopped.Sum(t => Math.Max(0, cpuTail - (t.CpuAfterMarksSeconds ?? 0)));
        var wall = stopped.Sum(t => Math.Max(0, wallTail - (t.WallAfterMarksSeconds ?? 0)));
        return new StopSavingsEstimate(stopped.Count, references.Count, cpu, wall, method);
    }

    /// <summary>How many of a workflow's latest completed trials stand in for an experiment without its own.</summary>
    public const int MaxHistoryReferences = 20;

    private static List<TrialCost> References(IReadOnlyList<TrialCost> trials) => trials
        .Where(t => !t.Stopped && t.Succeeded && t.CpuAfterMarksSeconds is not null && t.WallAfterMarksSeconds is not null)
        .ToList();
}
