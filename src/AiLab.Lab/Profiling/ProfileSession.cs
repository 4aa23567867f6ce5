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
        var folder = FolderOf(experiment.Id);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var set = await runner.RunAsync(experiment, options.Validated(), folder, progress,
            cancellationToken).ConfigureAwait(false);
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
        return new ProfileReport(set, diff, files, overhead);
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
