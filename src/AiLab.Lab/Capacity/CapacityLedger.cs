using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Capacity;

/// <summary>The lab's capacity accounts: what every trial cost (CPU, wall and GPU seconds), what for (its tier and
/// workflow), what stopping after the marks saved, and the budget's use (docs/capacity.md).</summary>
/// <param name="costs">Every trial's cost, oldest first (<see cref="LoadAsync"/> reads them from a store).</param>
public sealed class CapacityLedger(IReadOnlyList<TrialCost> costs)
{
    /// <summary>The ledger of every trial in <paramref name="store"/>, computed from the stored experiment and trial
    /// documents (the source of truth; no copy of them to keep in step), so it reads the same from SQLite and
    /// PostgreSQL.</summary>
    public static async Task<CapacityLedger> LoadAsync(IExperimentStore store, CancellationToken cancellationToken) =>
        From(await StoredTrials.LoadAsync(store, cancellationToken).ConfigureAwait(false));

    /// <summary>The ledger of the trials in <paramref name="stored"/>, already read from a store.</summary>
    public static CapacityLedger From(StoredTrials stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var rows = stored.Experiments
            .SelectMany(e => e.Trials.Select(t => (e.Experiment.CreatedAt, Cost: CostOf(e.Experiment, t))));
        return new CapacityLedger(rows.OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Cost.ExperimentId, StringComparer.Ordinal)
            .ThenBy(r => r.Cost.Sequence).Select(r => r.Cost).ToList());
    }

    /// <summary>Every stored trial's cost since <paramref name="since"/> (all when null), oldest first.</summary>
    public IReadOnlyList<TrialCost> Trials(DateTimeOffset? since = null) =>
        since is { } from ? costs.Where(c => c.StartedAt >= from).ToList() : costs;

    /// <summary>The cost of one trial of <paramref name="experiment"/>, for callers holding trials in memory.</summary>
    public static TrialCost CostOf(Experiment experiment, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(trial);
        var r = trial.Result;
        var reached = r.MarksReached;
        return new TrialCost(
            experiment.Id, trial.Sequence, experiment.Workflow.Name, experiment.Tier, r.StartedAt, trial.IsWarmup,
            r.Succeeded, r.Resources.CpuTotalMs / 1e3, r.WallMs / 1e3, (r.GpuMs ?? 0) / 1e3, r.Stop?.AfterMark,
            reached?.CpuMs is { } atCpu ? Math.Max(0, r.Resources.CpuTotalMs - atCpu) / 1e3 : null,
            reached is null ? null : Math.Max(0, r.WallMs - reached.AtMs) / 1e3);
    }

    /// <summary>The median CPU seconds of one successful trial of <paramref name="workflow"/> (of one tier when
    /// given), from the trials since <paramref name="since"/>; null when none is stored. What a selection under a
    /// budget charges for each trial of that workflow.</summary>
    public double? MedianTrialCpuSeconds(string workflow, CapacityTier? tier = null, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var cpu = Trials(since)
            .Where(t => t.Workflow == workflow && t.Succeeded && (tier is null || t.Tier == tier))
            .Select(t => t.CpuSeconds)
            .ToList();
        return cpu.Count == 0 ? null : Descriptive.Median(cpu);
    }

    /// <summary>Spend since <paramref name="since"/> per tier, workflow and experiment, with the savings of stopping
    /// and the use of <paramref name="budget"/> over its period up to <paramref name="now"/>.</summary>
    public CapacityReport Report(DateTimeOffset? since, CapacityBudget? budget, DateTimeOffset now)
    {
        var all = Trials();
        var window = since is { } start ? all.Where(t => t.StartedAt >= start).ToList() : all.ToList();
        var savings = window.GroupBy(t => t.ExperimentId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => StopSavings.Estimate(g.ToList(), all), StringComparer.Ordinal);

        CapacitySpend Sum(string key, IEnumerable<TrialCost> group)
        {
            var trials = group.ToList();
            var experiments = trials.Select(t => t.ExperimentId).Distinct(StringComparer.Ordinal).ToList();
            var saved = experiments.Aggregate(StopSavingsEstimate.None, (acc, id) => acc.Plus(SavedIn(id, trials)));
            return new CapacitySpend(key, experiments.Count, trials.Count, trials.Count(t => !t.Succeeded),
                trials.Sum(t => t.CpuSeconds), trials.Sum(t => t.WallSeconds), trials.Sum(t => t.GpuSeconds), saved);
        }

        // A group may hold only part of an experiment (never across tiers or workflows, but the window may cut
        // one): its share of the experiment's savings is the share of the experiment's stopped trials it holds.
        StopSavingsEstimate SavedIn(string experimentId, List<TrialCost> group)
        {
            var whole = savings[experimentId];
            var stoppedHere = group.Count(t => t.ExperimentId == experimentId && t.Stopped);
            if (whole.StoppedTrials == 0 || stoppedHere == whole.StoppedTrials) return whole;
            var share = (double)stoppedHere / whole.StoppedTrials;
            return whole with { StoppedTrials = stoppedHere, CpuSeconds = whole.CpuSeconds * share,
                WallSeconds = whole.WallSeconds * share };
        }

        var byTier = Enum.GetValues<CapacityTier>()
            .Select(tier => (tier, trials: window.Where(t => t.Tier == tier).ToList()))
            .Where(x => x.trials.Count > 0)
            .Select(x => Sum(TierName(x.tier), x.trials))
            .ToList();
        var byWorkflow = window.GroupBy(t => t.Workflow, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, g)).OrderByDescending(s => s.CpuSeconds).ToList();
        var byExperiment = window.GroupBy(t => t.ExperimentId, StringComparer.Ordinal)
            .Select(g => (g.Key, Started: g.Min(t => t.StartedAt), Spend: Sum(g.Key, g)))
            .OrderByDescending(x => x.Started).Select(x => x.Spend).ToList();

        BudgetUse? use = null;
        if (budget is not null)
        {
            var from = now - budget.Period;
            var spent = all.Where(t => t.StartedAt >= from).ToList();
            use = new BudgetUse(budget, from, spent.Sum(t => t.CpuSeconds) / 3600, spent.Sum(t => t.GpuSeconds) / 3600);
        }

        return new CapacityReport(since, Sum("total", window), byTier, byWorkflow, byExperiment, use);
    }

    /// <summary>The name a tier has in reports, JSON and the store: <c>adhoc</c>, <c>change</c>, ...</summary>
    public static string TierName(CapacityTier tier) => tier.ToString().ToLowerInvariant();
}
