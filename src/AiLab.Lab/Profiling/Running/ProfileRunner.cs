using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Probes;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Profiling.Running;

/// <summary>Runs profiled trials of an experiment's two variants, apart from its measured trials: they are never
/// stored as the experiment's trials, so no verdict ever sees a profiled number. Sampled trials alternate A, B, A, B
/// so that a drift of the machine touches both; the call-count (cProfile) trials, much slower, run last.</summary>
public sealed class ProfileRunner(ITrialExecutor executor, IVariantPreparer preparer, ProbeEnvironment probe)
{
    /// <summary>Runs the profiled trials of <paramref name="experiment"/> in one batch and reads their profiles; the
    /// files go to <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidOperationException">The Python probe is not installed, or a variant cannot be
    /// prepared.</exception>
    public async Task<ProfileSet> RunAsync(
        Experiment experiment, ProfileOptions options, string folder, IProgress<string>? progress,
            CancellationToken cancellationToken)
    {
        var trials = Start(experiment, options, folder, progress);
        while (trials.Remaining > 0) await trials.RunNextAsync(cancellationToken).ConfigureAwait(false);
        return trials.Result();
    }

    /// <summary>The profiled trials of <paramref name="experiment"/>, none run yet: the caller runs them one at a
    /// time (between measured trials, for instance).</summary>
    /// <exception cref="InvalidOperationException">The experiment does not have two variants, or the Python probe is
    /// not installed.</exception>
    public ProfiledTrials Start(Experiment experiment, ProfileOptions options, string folder,
        IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        if (experiment.Variants.Count !=
            2) throw new InvalidOperationException($"{experiment.Id} has {experiment.Variants.Count} variants; " +
                $"profiling compares two");
        var probeRoot = probe.PythonProbeRoot
            ?? throw new InvalidOperationException("profiling needs the Python probe (probes/python), which is not " +
                "installed next to ailab");
        Directory.CreateDirectory(folder);
        return new ProfiledTrials(executor, preparer, experiment, options, probeRoot, folder, progress);
    }
}
