using System.Globalization;
using AiLab.Core.Machine;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Machine;

/// <summary>The settings that would lower this machine's noise floor, from what <c>ailab doctor</c> found: each
/// rule looks at one finding and says what to change, in the order they matter most.</summary>
public static class NoiseAdvice
{
    /// <summary>Above this many trials per variant for a 3% verdict, the advice turns to designs that need
    /// fewer.</summary>
    public const int ManyTrials = 30;

    /// <summary>Advice for the findings; empty when nothing would help.</summary>
    public static IReadOnlyList<string> For(
        CoreSpeedReport? cores, CpuPinning pinning, MachineState current, IReadOnlyList<string> governors, NoiseFloor? noise)
    {
        ArgumentNullException.ThrowIfNull(pinning);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(governors);
        var advice = new List<string>();
        if (cores is { Cores.Count: > 1 } && pinning.Cpus is null or { Count: 0 })
        {
            var choice = CoreChooser.Choose(cores.Cores);
            if (choice.Cpus is { Count: > 0 } cpus)
                advice.Add($"pin the trials: the cores differ in speed and trials are not pinned ({pinning.Reason}); "
                + $"leave out '--cpus none' (the default pins to {string.Join(',', cpus)})");
        }

        if (MachineStateJudge.Busy(current) is { } busyNow)
            advice.Add($"the machine is busy now ({busyNow}): measure when it is quiet, or pin to a CPU nobody else uses with --cpus");
        if (noise is { Busy: > 0 } n)
            advice.Add($"{n.Busy} of {n.Measured} trials ran while the machine was busy: their spread is the neighbours', "
                + $"not the workflow's; rerun doctor when the machine is quiet");
        var slow = governors.Where(g => g != MachineState.Unavailable && g != "performance").Distinct().ToList();
        if (slow.Count > 0)
            advice.Add($"set the cpufreq governor to performance (now {string.Join(", ", slow)}): sudo cpupower frequency-set -g performance");
        if (noise?.Metrics.Where(m => m.ShareOfTtfbVariance is > 0.5).MaxBy(m => m.ShareOfTtfbVariance) is { } loud)
        {
            var phase = loud.Name.StartsWith(MetricCatalog.PhasePrefix, StringComparison.Ordinal) ? loud.Name[MetricCatalog.PhasePrefix.Length..] : loud.Name;
            var hint = phase == "imports"
                ? "import time varies with the file cache and the interpreter's start: add warm-up trials (--warmup 2), and keep other I/O off the machine"
                : "make it steadier (warm-up trials for cache effects, --warmup 2), or mark a finer phase inside it to see which part varies";
            advice.Add(string.Create(CultureInfo.InvariantCulture,
                $"{loud.Share():0}% of TTFB's variance sits in {loud.Name} (CV {loud.CvPct:0.#}%): {hint}"));
        }

        if (noise?.TrialsFor3Pct is > ManyTrials and var needed)
        {
            advice.Add($"a 3% verdict needs {needed} trials per variant here: let ab's default design extend an inconclusive experiment, " +
                       "use ab --sequential to stop as soon as it is clear, or ailab calibrate so verdicts use this workflow's measured noise");
        }

        return advice;
    }

    private static double Share(this MetricNoise metric) => 100 * (metric.ShareOfTtfbVariance ?? 0);
}
