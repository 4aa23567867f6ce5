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
{
    /// <summary>The rule whose changes are undone when a phase is no longer represented.</summary>
    public const string DataSubsetRule = "data subset";

    /// <summary>Measures both sizes, <paramref name="runs"/> trials each, in <paramref name="root"/>.</summary>
    public async Task<FidelityReport> VerifyAsync(ShrunkWorkflow shrunk, string root, int runs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shrunk);
        var production = await MeasureAsync(shrunk.Production, root, runs, ct).ConfigureAwait(false);
        var small = await MeasureAsync(shrunk.Shrunk, root, runs, ct).ConfigureAwait(false);
        return FidelityCheck.Compare(production, small);
    }

    /// <summary>Like <see cref="VerifyAsync"/>, but when fidelity passed except that a phase's share of TTFB fell
    /// so far that the shrunk test no longer represents it, and the data-subset rule changed something, derives the
    /// test again with those values kept, writes it with <paramref name="write"/> and measures the shrunk size
    /// again (the production measurement is reused).</summary>
    /// <remarks>Why the data subset: the work it shrinks (reading, decoding, normalizing the data) is what lands in
    /// a preprocessing phase, while the other rules cut work after the first batch (steps) or a model build that
    /// is small at either size. A regression in an unrepresented phase shrinks with it — an extra pass over the
    /// features costs a tenth at a tenth of the samples — until it is below what any verdict can tell from TTFB's
    /// noise; the PyTorch example detects its preprocessing regression only with the samples kept (see
    /// docs/change-tier.md). Keeping them costs little when the rest is shrunk: the iterations are what cost.</remarks>
    public async Task<(ShrunkWorkflow Shrunk, FidelityReport Report)> VerifyRepresentingAsync(
        ShrunkWorkflow shrunk, string root, int runs, Func<ShrunkWorkflow, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shrunk);
        ArgumentNullException.ThrowIfNull(write);
        var production = await MeasureAsync(shrunk.Production, root, runs, ct).ConfigureAwait(false);
        var small = await MeasureAsync(shrunk.Shrunk, root, runs, ct).ConfigureAwait(false);
        var report = FidelityCheck.Compare(production, small);
        var lost = report.Shares.Where(s => !s.Represented && s.Shrunk < s.Production).Select(s => s.Phase).ToList();
        var subset = shrunk.Changes.Where(c => c.Rule == DataSubsetRule).ToList();
        if (!report.Passed || lost.Count == 0 || subset.Count == 0) return (shrunk, report);

        var keep = shrunk.Production.Shrink.Keep.Concat(subset.Select(c => c.Key)).Distinct().ToList();
        var keeping = shrunk.Production with { Shrink = shrunk.Production.Shrink with { Keep = keep } };
        var again = Shrinker.Derive(keeping, root) with
        {
            Production = shrunk.Production, Restored = subset, RestoredFor = lost,
        };
        await write(again).ConfigureAwait(false);
        var remeasured = await MeasureAsync(again.Shrunk, root, runs, ct).ConfigureAwait(false);
        return (again, FidelityCheck.Compare(production, remeasured));
    }

    private async Task<SizeMeasurement> MeasureAsync(WorkflowSpec workflow, string root, int runs, CancellationToken ct)
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
