using AiLab.Core.Trials;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Stats.Calibration;

namespace AiLab.Lab.Calibrations;

/// <summary>Runs A/A experiments of one revision (each a stored experiment), pools their trials per metric, profiles
/// the noise, chooses the primary metric's threshold for the false-positive budget, and stores the
/// calibration.</summary>
public sealed class Calibrator(ExperimentRunner runner, IExperimentStore experiments, ICalibrationStore calibrations, TimeProvider time)
{
    /// <summary>Called as each A/A experiment starts (index from 1, count, the experiment).</summary>
    public event Action<int, int, Experiment>? ExperimentStarted;

    /// <summary>Runs the plan. The outcome's calibration is null when an A/A experiment failed or was
    /// interrupted.</summary>
    public async Task<CalibrationOutcome> RunAsync(CalibrationPlan plan, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Experiments < 1) throw new ArgumentException($"a calibration needs at least 1 A/A experiment, got {plan.Experiments}");
        if (plan.TrialsPerVariant < 5) throw new ArgumentException($"a calibration needs at least 5 trials per variant, got {plan.TrialsPerVariant}");
        var seed = plan.Seed ?? Random.Shared.Next();
        var outcomes = new List<ExperimentOutcome>();
        for (var k = 0; k < plan.Experiments; k++)
        {
            var experiment = ExperimentPlanner.Create(
                new ExperimentPlan
                {
                    Kind = ExperimentKind.AB,
                    Tier = Core.Capacity.CapacityTier.Calibration,
                    Workflow = plan.Workflow,
                    RepositoryPath = plan.RepositoryPath,
                    WorkingDirectory = plan.WorkingDirectory,
                    Variants = [plan.Variant with { Label = "A" }, plan.Variant with { Label = "B" }],
                    Trials = plan.TrialsPerVariant,
                    Warmup = plan.Warmup,
                    Seed = unchecked(seed + (k * 7919)),
                },
                time);
            await experiments.CreateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
            ExperimentStarted?.Invoke(k + 1, plan.Experiments, experiment);
            var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, progress, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (outcome.Experiment.Status != ExperimentStatus.Completed)
                return new CalibrationOutcome(null, outcomes, $"A/A experiment {experiment.Id} ended " +
                    $"{WireNames.Of(outcome.Experiment.Status)}: {outcome.Experiment.StatusReason}");
        }

        var calibration = Build(plan, outcomes, seed);
        await calibrations.AddAsync(calibration, CancellationToken.None).ConfigureAwait(false);
        return new CalibrationOutcome(calibration, outcomes, null);
    }

    private Calibration Build(CalibrationPlan plan, List<ExperimentOutcome> outcomes, int seed)
    {
        var trials = outcomes.SelectMany(o => o.Trials.Where(t => !t.IsWarmup && t.Result.Succeeded)).ToList();
        var metrics = new List<MetricCalibration>();
        foreach (var (name, values) in RunSummary.Metrics(trials))
        {
            // Log-scale profiles need positive values; a phase that is sometimes 0 ms has no such profile.
            if (values.Count < 10 || values.Any(v => v <= 0)) continue;
            var profile = NoiseProfiler.Compute(values, plan.TrialsPerVariant, seed: seed);
            var threshold = name == MetricCatalog.Ttfb
                ? ThresholdSelector.Select(values, plan.TrialsPerVariant, plan.BudgetRate, ThresholdSelectorOptions.Default with { Seed = seed })
                : null;
            metrics.Add(new MetricCalibration { Name = name, Pool = values, Profile = profile, Threshold = threshold });
        }

        if (metrics.All(m => m.Name != MetricCatalog.Ttfb))
            throw new InvalidOperationException($"the A/A experiments produced fewer than 10 successful TTFB values; cannot calibrate");

        var first = outcomes[0].Experiment;
        var now = time.GetUtcNow();
        return new Calibration
        {
            Id = ExperimentPlanner.NewId("cal", now),
            WorkflowKey = WorkflowKeys.Of(plan.Workflow, first.RepositoryPath),
            Workflow = plan.Workflow,
            RepositoryPath = first.RepositoryPath,
            Revision = plan.Variant.Revision,
            Commit = first.Commits.GetValueOrDefault("A"),
            CreatedAt = now,
            // Trials run by a cluster were measured on its node(s), not on the machine that submitted them.
            Machine = MachineFingerprint.OfNodes(outcomes.SelectMany(o => o.Trials)
                          .Select(t => t.Result.Scheduler?.NodeMachine).OfType<NodeIdentity>())
                      ?? MachineFingerprint.Current(plan.Workflow.Cpus),
            ExperimentIds = outcomes.Select(o => o.Experiment.Id).ToList(),
            TrialsPerVariant = plan.TrialsPerVariant,
            Budget = plan.Budget,
            BudgetRate = plan.BudgetRate,
            DefaultFalseAlarms = outcomes.Count(o => o.Experiment.Verdict?.Overall is Verdict.Regression or Verdict.Improvement),
            Metrics = metrics,
        };
    }
}
