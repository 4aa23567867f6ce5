using AiLab.Core.Experiments;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Rendering;
using AiLab.Lab.Profiling.Running;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Profiling;

/// <summary>Profiles an experiment's two variants end to end: runs the profiled trials, diffs them, writes the JSON,
/// the flame graph and the speedscope file to <c>$AILAB_HOME/profiles/ID</c>.</summary>
public sealed class ProfileSession(ProfileRunner runner, LabPaths paths)
{
    /// <summary>The folder of <paramref name="experimentId"/>'s profiles.</summary>
    public string FolderOf(string experimentId) => Path.Combine(paths.Home, "profiles", experimentId);

    /// <summary>Profiles <paramref name="experiment"/>; <paramref name="measured"/> (its measured trials, if any) give
    /// the profiler's overhead.</summary>
    /// <exception cref="InvalidOperationException">The probe is missing, a variant cannot be prepared, or too few
    /// profiled trials left a profile.</exception>
    public async Task<ProfileReport> RunAsync(
        Experiment experiment, ProfileOptions options, IReadOnlyList<TrialRecord> measured, IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(measured);
        var folder = Fresh(experiment.Id);
        var set = await runner.RunAsync(experiment, options.Validated(), folder, progress,
            cancellationToken).ConfigureAwait(false);
        return Report(experiment, options, set, measured, interleaved: 0);
    }

    /// <summary>Starts the profiled trials of <paramref name="experiment"/> to run between its measured trials: hand
    /// the result to <see cref="Experiments.ExperimentRunner.Interleave"/>, then to
    /// <see cref="CompleteAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The experiment does not have two variants, or the probe is
    /// missing.</exception>
    public InterleavedProfile Begin(Experiment experiment, ProfileOptions options, IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        return new InterleavedProfile(runner.Start(experiment, options.Validated(), Fresh(experiment.Id), progress));
    }

    /// <summary>Runs what the experiment left of <paramref name="profile"/> (the call-count trials; sampled trials a
    /// sequential stop left), diffs and writes the reports.</summary>
    /// <exception cref="InvalidOperationException">The profiled trials stopped, or too few left a profile.</exception>
    public async Task<ProfileReport> CompleteAsync(
        Experiment experiment, InterleavedProfile profile, ProfileOptions options, IReadOnlyList<TrialRecord> measured,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(measured);
        if (profile.Error is { } error) throw new InvalidOperationException($"the profiled trials stopped: {error}");
        var interleaved = profile.Trials.SampledRun;
        while (profile.Trials.Remaining > 0)
            await profile.Trials.RunNextAsync(cancellationToken).ConfigureAwait(false);
        return Report(experiment, options, profile.Trials.Result(), measured, interleaved);
    }

    private string Fresh(string experimentId)
    {
        var folder = FolderOf(experimentId);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return folder;
    }

    private static ProfileReport Report(Experiment experiment, ProfileOptions options, ProfileSet set,
        IReadOnlyList<TrialRecord> measured, int interleaved)
    {
        var folder = set.Folder;
        var measuredA = MeasuredTtfb(measured, set.BaselineLabel);
        var diff = ProfileDiff.Compute(set, options, measuredA.Count > 0 ? Descriptive.Median(measuredA) : null);
        var overhead = Overhead(set, measured);
        var files = new ProfileReportFiles(folder, Path.Combine(folder, "diff.json"), Path.Combine(folder,
            "flamegraph.html"),
            Path.Combine(folder, "profiles.speedscope.json"));
        var title = $"{experiment.Id}: {Describe(experiment, 0)} vs {Describe(experiment, 1)}";
        File.WriteAllText(files.Json, ProfileJson.Render(diff, files, overhead).ToJsonString(Indented) + "\n");
        File.WriteAllText(files.FlameGraphHtml, FlameGraphHtml.Render(diff, title));
        File.WriteAllText(files.Speedscope, SpeedscopeExport.Render(set, title).ToJsonString());
        return new ProfileReport(set, diff, files, overhead) { InterleavedTrials = interleaved };
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Describe(Experiment experiment, int index)
    {
        var variant = experiment.Variants[index];
        return experiment.Commits.TryGetValue(variant.Label, out var sha) ?
            $"{variant.Label} {variant.Describe()} ({sha[..Math.Min(12, sha.Length)]})" :
                $"{variant.Label} {variant.Describe()}";
    }

    private static List<double> MeasuredTtfb(IReadOnlyList<TrialRecord> measured, string label) => measured
        .Where(t => t.Variant == label && !t.IsWarmup && t.Result.Succeeded && t.Result.TtfbMs is > 0)
        .Select(t => t.Result.TtfbMs!.Value).ToList();

    private static double? Overhead(ProfileSet set, IReadOnlyList<TrialRecord> measured)
    {
        var ratios = new List<double>();
        foreach (var (label, profiled) in new[] { (set.BaselineLabel, set.Baseline), (set.CandidateLabel,
            set.Candidate) })
        {
            var ttfb = MeasuredTtfb(measured, label);
            if (ttfb.Count == 0 || profiled.Count == 0) continue;
            ratios.Add(Descriptive.Median(profiled.Select(p => p.TtfbMs).ToList()) / Descriptive.Median(ttfb) - 1);
        }

        return ratios.Count == 0 ? null : ratios.Average() * 100;
    }
}
