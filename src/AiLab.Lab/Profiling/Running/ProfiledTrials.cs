using System.Globalization;
using System.Text.RegularExpressions;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Profiling.Running;

/// <summary>The profiled trials of one experiment, run one at a time on demand: sampled trials alternating A, B,
/// A, B (so that a drift of the machine touches both), then one call-count (cProfile) trial per variant. Run in a
/// batch (<see cref="ProfileRunner.RunAsync"/>) or interleaved with the measured trials
/// (<see cref="InterleavedProfile"/>); either way they are never stored as the experiment's trials.</summary>
public sealed class ProfiledTrials
{
    private readonly ITrialExecutor executor;
    private readonly IVariantPreparer preparer;
    private readonly Experiment experiment;
    private readonly ProfileOptions options;
    private readonly string probeRoot;
    private readonly IProgress<string>? progress;
    private readonly List<(string Label, string Mode)> slots;
    private readonly Dictionary<string, List<TrialProfile>> sampled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CallCount>> calls = new(StringComparer.Ordinal);
    private readonly List<string> problems = [];
    private readonly Regex? pattern;
    private Dictionary<string, PreparedVariant>? prepared;
    private int next;

    internal ProfiledTrials(ITrialExecutor executor, IVariantPreparer preparer, Experiment experiment,
        ProfileOptions options, string probeRoot, string folder, IProgress<string>? progress)
    {
        (this.executor, this.preparer, this.experiment, this.options) = (executor, preparer, experiment, options);
        (this.probeRoot, Folder, this.progress) = (probeRoot, folder, progress);
        var labels = experiment.Variants.Select(v => v.Label).ToList();
        foreach (var label in labels) sampled[label] = [];
        slots = [.. Enumerable.Range(0, options.TrialsPerVariant).SelectMany(_ => labels.Select(l => (l, "sample"))),
            .. options.CallCounts ? labels.Select(l => (l, "calls")) : []];
        pattern = experiment.Workflow.FirstBatchPattern is { } fp ? new Regex(fp, RegexOptions.CultureInvariant) :
            null;
    }

    /// <summary>The folder the trials' files go to.</summary>
    public string Folder { get; }

    /// <summary>Sampled trials in all (both variants).</summary>
    public int SampledTotal => options.TrialsPerVariant * experiment.Variants.Count;

    /// <summary>Sampled trials already run (failed ones included).</summary>
    public int SampledRun => Math.Min(next, SampledTotal);

    /// <summary>Trials not run yet, call-count trials included.</summary>
    public int Remaining => slots.Count - next;

    /// <summary>Runs the next profiled trial; a trial that fails or leaves no readable profile is noted in the
    /// set's problems, not thrown.</summary>
    /// <exception cref="InvalidOperationException">A variant cannot be prepared.</exception>
    /// <exception cref="OperationCanceledException">Interrupted.</exception>
    public async Task RunNextAsync(CancellationToken cancellationToken)
    {
        if (Remaining == 0) return;
        cancellationToken.ThrowIfCancellationRequested();
        prepared ??= experiment.Variants.Select(v =>
        {
            var ready = preparer.Prepare(experiment, v, cancellationToken);
            return ready.Succeeded ? ready :
                throw new InvalidOperationException($"variant {v.Label} could not be prepared: {ready.Reason}");
        }).ToDictionary(p => p.Variant.Label, StringComparer.Ordinal);
        var index = next++;
        var (label, mode) = slots[index];
        var ready = prepared[label];
        var stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{index + 1:D3}-{label}-{mode}"));
        progress?.Report($"profiled trial {index + 1}/{slots.Count}: {label} ({(mode == "calls" ? "call counts, " +
            "cProfile" : "sampled")})");
        var env = new Dictionary<string, string?>(ready.Environment, StringComparer.Ordinal)
        {
            ["AILAB_PROFILE"] = stem + ".profile.json",
            ["AILAB_PROFILE_MODE"] = mode,
            ["AILAB_PROFILE_INTERVAL_MS"] = options.IntervalMs.ToString(CultureInfo.InvariantCulture),
        };
        var autoinstrument = Path.Combine(probeRoot, "autoinstrument");
        env.TryGetValue("PYTHONPATH", out var existing);
        if (existing is null || !existing.Split(Path.PathSeparator).Contains(autoinstrument))
            env["PYTHONPATH"] = string.IsNullOrEmpty(existing) ? autoinstrument : autoinstrument +
                Path.PathSeparator + existing;
        var request = new TrialRequest(experiment.Workflow.Run, ready.WorkingDirectory, env,
            experiment.Workflow.Timeout, stem + ".log", stem + ".events.jsonl", pattern, experiment.Workflow.Cpus,
            experiment.Workflow.EnvPolicy);
        var result = await executor.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Failure == FailureKind.Interrupted)
            throw new OperationCanceledException("interrupted during a profiled trial");
        if (!result.Succeeded)
        {
            problems.Add($"profiled trial {index + 1} ({label}, {mode}) failed: {result.Reason} (log " +
                $"{request.LogPath})");
            return;
        }

        try
        {
            var profile = ProfileFileReader.Read(stem + ".profile.json", label, result);
            if (mode == "calls") calls[label] = profile.Calls;
            else sampled[label].Add(profile);
        }
        catch (InvalidDataException e)
        {
            problems.Add($"profiled trial {index + 1} ({label}, {mode}): {e.Message}");
        }
    }

    /// <summary>What the trials run so far recorded.</summary>
    public ProfileSet Result()
    {
        var (a, b) = (experiment.Variants[0].Label, experiment.Variants[1].Label);
        return new ProfileSet
        {
            BaselineLabel = a,
            CandidateLabel = b,
            Baseline = sampled[a],
            Candidate = sampled[b],
            BaselineCalls = calls.GetValueOrDefault(a, []),
            CandidateCalls = calls.GetValueOrDefault(b, []),
            Problems = problems,
            Folder = Folder,
        };
    }
}
