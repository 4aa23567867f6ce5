using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Footprints;

namespace AiLab.Lab.Shrinking;

/// <summary>Runs the production and the shrunk workflow as plain runs in the working tree (stored like any
/// <c>ailab run</c>) and compares them with <see cref="FidelityCheck"/>.</summary>
public sealed class ShrinkVerifier(ExperimentRunner runner, IExperimentStore store, LabPaths paths, TimeProvider time)
    : ISizeMeasurer
{
    /// <summary>Measures both sizes, <paramref name="runs"/> trials each, in <paramref name="root"/>.</summary>
    public async Task<FidelityReport> VerifyAsync(ShrunkWorkflow shrunk, string root, int runs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shrunk);
        var production = await MeasureAsync(shrunk.Production, root, runs, ct).ConfigureAwait(false);
        var small = await MeasureAsync(shrunk.Shrunk, root, runs, ct).ConfigureAwait(false);
        return FidelityCheck.Compare(production, small);
    }

    /// <summary>Like <see cref="VerifyAsync"/>, and when a phase's share of TTFB fell so far that the shrunk test no
    /// longer represents it, finds the rule that shrank it and keeps that rule's values if affordable
    /// (<see cref="PhaseRestorer"/>); <paramref name="write"/> writes each derivation before it is measured.</summary>
    public Task<(ShrunkWorkflow Shrunk, FidelityReport Report)> VerifyRepresentingAsync(
        ShrunkWorkflow shrunk, string root, int runs, Func<ShrunkWorkflow, Task> write, CancellationToken ct) =>
        new PhaseRestorer(this).RunAsync(shrunk, root, runs, write, ct);

    /// <inheritdoc/>
    public async Task<SizeMeasurement> MeasureAsync(WorkflowSpec workflow, string root, int runs, CancellationToken ct)
    {
        var experiment = ExperimentPlanner.Create(new ExperimentPlan
        {
            Kind = ExperimentKind.Run, Workflow = workflow, WorkingDirectory = root,
            Variants = [new Variant("A", null, new Dictionary<string, string>())], Trials = runs, Warmup = 0,
        }, time);
        await store.CreateAsync(experiment, ct).ConfigureAwait(false);
        var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, ct).ConfigureAwait(false);
        var footprints = outcome.Trials
            .Where(t => t.Result.Succeeded)
            .Select(t => TrialFootprintFile.Read(paths.TrialFootprint(experiment.Id, t.Sequence, t.Variant), out _))
            .OfType<TrialFootprintFile>()
            .ToList();
        return new SizeMeasurement(experiment.Id, outcome.Trials, footprints);
    }
}
