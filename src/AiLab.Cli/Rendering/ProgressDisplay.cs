using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Lab.Experiments;
using AiLab.Stats.Estimators;

namespace AiLab.Cli.Rendering;

/// <summary>Live progress on stderr: one line per build and per trial, with each variant's running TTFB median.
/// Lines (not a redrawn screen) so that CI logs read the same as a terminal.</summary>
internal sealed class ProgressDisplay(TextWriter output) : IProgress<ExperimentProgress>
{
    private readonly Dictionary<string, List<double>> ttfb = new(StringComparer.Ordinal);

    /// <summary>Seeds the running estimates with trials stored before a resume.</summary>
    public void Seed(IEnumerable<TrialRecord> trials)
    {
        foreach (var t in trials) Add(t);
    }

    public void Report(ExperimentProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var inv = CultureInfo.InvariantCulture;
        switch (value.Kind)
        {
            case ExperimentProgressKind.BuildStarted:
                output.WriteLine(string.Create(inv, $"ailab: preparing {value.Variant}: {value.Message}"));
                break;
            case ExperimentProgressKind.BuildFinished:
                output.WriteLine(string.Create(inv, $"ailab: {value.Variant} {value.Message}"));
                break;
            case ExperimentProgressKind.TrialFinished when value.Trial is { } trial:
                Add(trial);
                var what = trial.Result.Succeeded
                    ? string.Create(inv, $"ttfb {trial.Result.TtfbMs:0.0} ms")
                    : $"FAILED ({trial.Result.Failure}): {trial.Result.Reason}";
                var estimates = string.Join(" | ", ttfb.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => string.Create(inv, $"{kv.Key} {Descriptive.Median(kv.Value):0.0} ms n={kv.Value.Count}")));
                var warm = trial.IsWarmup ? " warm-up" : "";
                var running = estimates.Length == 0 ? "" : $"   (median {estimates})";
                output.WriteLine(string.Create(inv, $"[{value.Done,3}/{value.Total}] {trial.Variant}{warm}: {what}{running}"));
                break;
        }
    }

    private void Add(TrialRecord trial)
    {
        if (trial.IsWarmup || !trial.Result.Succeeded || trial.Result.TtfbMs is not { } v) return;
        if (!ttfb.TryGetValue(trial.Variant, out var list)) ttfb[trial.Variant] = list = [];
        list.Add(v);
    }
}
