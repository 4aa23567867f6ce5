using AiLab.Core.Experiments;
using AiLab.Lab.Capacity;

namespace AiLab.Lab.ChangeTier;

/// <summary>Costs and noise from the trials already stored: the median CPU time (user + system of the whole
/// process tree) of the workflow's recent trials, and the pooled within-variant standard deviation of their log
/// TTFB. <see cref="LoadAsync"/> reads the recent successful trials once, per workflow; <see cref="From"/>
/// takes them from a reading the capacity ledger shares.</summary>
public sealed class StoredTrialCost : ITrialCostModel
{
    private readonly Dictionary<string, List<TrialRecord>> cache;

    private StoredTrialCost(Dictionary<string, List<TrialRecord>> byWorkflow) => cache = byWorkflow;

    /// <summary>The cost model of the successful trials of the latest <paramref name="lookback"/> experiments.</summary>
    public static async Task<StoredTrialCost> LoadAsync(
        IExperimentStore store, CancellationToken cancellationToken, int lookback = 200) =>
        From(await StoredTrials.LoadAsync(store, cancellationToken, lookback).ConfigureAwait(false), lookback);

    /// <summary>The cost model of the successful trials of the latest <paramref name="lookback"/> experiments of
    /// <paramref name="stored"/>, already read from a store (the reading the capacity ledger shares).</summary>
    public static StoredTrialCost From(StoredTrials stored, int lookback = 200)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var byWorkflow = new Dictionary<string, List<TrialRecord>>(StringComparer.Ordinal);
        foreach (var (experiment, trials) in stored.Latest(lookback).Experiments)
        {
            if (!byWorkflow.TryGetValue(experiment.Workflow.Name, out var list))
                byWorkflow[experiment.Workflow.Name] = list = [];
            list.AddRange(trials.Where(t => t.Result.Succeeded));
        }

        return new StoredTrialCost(byWorkflow);
    }

    /// <inheritdoc />
    public double? CpuSecondsPerTrial(string workflow)
    {
        var cpu = Trials(workflow).Select(t => t.Result.Resources.CpuTotalMs).Where(ms => ms > 0).Order().ToList();
        return cpu.Count == 0 ? null : cpu[cpu.Count / 2] / 1000.0;
    }

    /// <inheritdoc />
    public double CpuSeconds(IEnumerable<TrialRecord> trials) => trials.Sum(t
        => t.Result.Resources.CpuTotalMs) / 1000.0;

    /// <inheritdoc />
    public double? TtfbNoise(string workflow)
    {
        double squares = 0;
        var df = 0;
        foreach (var group in Trials(workflow).Where(t => !t.IsWarmup && t.Result.TtfbMs is > 0)
                     .GroupBy(t => (t.ExperimentId, t.Variant)))
        {
            var logs = group.Select(t => Math.Log(t.Result.TtfbMs!.Value)).ToList();
            if (logs.Count < 2) continue;
            var mean = logs.Average();
            squares += logs.Sum(x => (x - mean) * (x - mean));
            df += logs.Count - 1;
        }

        return df < 2 ? null : Math.Sqrt(squares / df);
    }

    private List<TrialRecord> Trials(string workflow) => cache.TryGetValue(workflow, out var known) ? known : [];
}
