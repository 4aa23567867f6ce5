using System.Globalization;
using System.Text.RegularExpressions;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Probes;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Profiling.Running;

/// <summary>Runs profiled trials of an experiment's two variants, apart from its measured trials: they are never
/// stored as the experiment's trials, so no verdict ever sees a profiled number. Sampled trials alternate A, B, A, B
/// so that a drift of the machine touches both; the call-count (cProfile) trials, much slower, run last.</summary>
public sealed class ProfileRunner(ITrialExecutor executor, IVariantPreparer preparer, ProbeEnvironment probe)
{
    /// <summary>Runs the profiled trials of <paramref name="experiment"/> and reads their profiles; the files go to
    /// <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidOperationException">The Python probe is not installed, or a variant cannot be
    /// prepared.</exception>
    public async Task<ProfileSet> RunAsync(
        Experiment experiment, ProfileOptions options, string folder, IProgress<string>? progress,
            CancellationToken cancellationToken)
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
        var prepared = experiment.Variants.Select(v =>
        {
            var ready = preparer.Prepare(experiment, v, cancellationToken);
            return ready.Succeeded ? ready :
                throw new InvalidOperationException($"variant {v.Label} could not be prepared: {ready.Reason}");
        }).ToList();

        var sampled = prepared.ToDictionary(p => p.Variant.Label, _ => new List<TrialProfile>(),
            StringComparer.Ordinal);
        var calls = new Dictionary<string, IReadOnlyList<CallCount>>(StringComparer.Ordinal);
        var problems = new List<string>();
        var slots = Enumerable.Range(0, options.TrialsPerVariant).SelectMany(_ => prepared.Select(p => (p, Mode:
            "sample")))
            .Concat(options.CallCounts ? prepared.Select(p => (p, Mode: "calls")) : []).ToList();
        var pattern = experiment.Workflow.FirstBatchPattern is { } fp ? new Regex(fp, RegexOptions.CultureInvariant) :
            null;
        for (var index = 0; index < slots.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ready, mode) = slots[index];
            var label = ready.Variant.Label;
            var stem = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
                $"{index + 1:D3}-{label}-{mode}"));
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
                experiment.Workflow.Timeout,
                stem + ".log", stem + ".events.jsonl", pattern, experiment.Workflow.Cpus,
                    experiment.Workflow.EnvPolicy);
            var result = await executor.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Failure ==
                FailureKind.Interrupted) throw new OperationCanceledException("interrupted during a profiled trial");
            if (!result.Succeeded)
            {
                problems.Add($"profiled trial {index + 1} ({label}, {mode}) failed: {result.Reason} (log " +
                    $"{request.LogPath})");
                continue;
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
            Folder = folder,
        };
    }
}
