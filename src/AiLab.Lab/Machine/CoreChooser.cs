using System.Globalization;
using AiLab.Core.Machine;

namespace AiLab.Lab.Machine;

/// <summary>Chooses the CPUs an experiment's trials run on from a per-core speed calibration: the steadiest cores
/// and, of those equally steady, the fastest, together with every steady core as fast as it. Cores that are all
/// steady and equally fast leave trials unpinned (any of them will do); unequal ones pin both variants to the same
/// set, so that a trial landing on the slow core cannot make TTFB bimodal. Speeds are the loop's CPU time per run,
/// not its wall time: on a shared machine the wall time measures which neighbour happened to run during the
/// calibration, which a choice cached for hours must not depend on (the neighbours are judged per trial instead, by
/// <see cref="MachineStateJudge"/>). pyperf's "system tune" and
/// BenchmarkDotNet's environment analysers treat core speed the same way: measure it, then hold it fixed.</summary>
public static class CoreChooser
{
    /// <summary>Two cores' robust CVs within this (absolute) count as equally steady. 0.02 = 2 percentage
    /// points.</summary>
    public const double SteadinessTolerance = 0.02;

    /// <summary>...or within this factor of the steadiest: on a loaded machine every CV is large and a few points
    /// between them are the neighbours' timing, not the cores'.</summary>
    public const double SteadinessRatio = 1.5;

    /// <summary>Two cores whose medians differ by less than this fraction count as equally fast. 0.05 = 5%.</summary>
    public const double SpeedTolerance = 0.05;

    /// <summary>The pinning <paramref name="cores"/> call for.</summary>
    public static CpuPinning Choose(IReadOnlyList<CoreSpeed> cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var usable = cores.Where(c => double.IsFinite(c.MedianMs) && c.MedianMs > 0 && double.IsFinite(c.RobustCv)).OrderBy(c => c.Cpu).ToList();
        if (usable.Count == 0) return new CpuPinning(null, "auto", "no core could be measured; trials are not pinned");
        var speeds = Describe(usable);
        if (usable.Count == 1) return new CpuPinning(null, "auto", $"one CPU ({speeds}): nothing to choose");

        var steadiest = usable.Min(c => c.RobustCv);
        var steady = usable.Where(c => c.RobustCv <= Math.Max(steadiest + SteadinessTolerance, steadiest * SteadinessRatio)).ToList();
        var fastest = steady.MinBy(c => c.MedianMs)!;
        var chosen = steady.Where(c => c.MedianMs <= fastest.MedianMs * (1 + EqualWithin(c, fastest))).Select(c => c.Cpu).ToList();
        var slowest = usable.Max(c => c.MedianMs);
        var spread = Pct((slowest / usable.Min(c => c.MedianMs)) - 1);
        if (chosen.Count == usable.Count)
        {
            var within = usable.Where(c => c.Cpu != fastest.Cpu).Max(c => EqualWithin(c, fastest));
            return new CpuPinning(null, "auto", $"the cores are equally fast and steady ({speeds}; within " +
                $"{Pct(within)}, the runs' own noise or {Pct(SpeedTolerance)}): trials may run on any");
        }

        var why = steady.Count < usable.Count
            ? $"the steadiest (robust CV within {Pct(SteadinessTolerance)} or {SteadinessRatio}x of the best) and of those the fastest"
            : $"the fastest (within {Pct(SpeedTolerance)}), all being equally steady";
        var cpus = chosen.Count == 1 ? $"CPU {chosen[0]}" : $"CPUs {string.Join(',', chosen)}";
        return new CpuPinning(chosen, "auto", $"the cores differ by {spread} in speed ({speeds}): pinned to {cpus}, {why}");
    }

    /// <summary>The relative difference below which two cores' medians count as equal: <see cref="SpeedTolerance"/>,
    /// or twice the standard error of their difference when the runs were noisier than that (the median's standard
    /// error is ≈ 1.2533·σ/√n for normal data; Kendall &amp; Stuart, vol. 1, §10.10), so that a loaded machine's
    /// calibration does not pin on a difference its own noise could make.</summary>
    public static double EqualWithin(CoreSpeed a, CoreSpeed b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static double Se(CoreSpeed c) => 1.2533 * c.RobustCv / Math.Sqrt(Math.Max(1, c.Rounds));
        return Math.Max(SpeedTolerance, 2 * Math.Sqrt((Se(a) * Se(a)) + (Se(b) * Se(b))));
    }

    /// <summary>"CPU 0 6.10 ms ±1.2% (wall 6.30), CPU 1 7.95 ms (+30.3%) ±0.8% (wall 8.10)": each core's CPU time per
    /// run against the fastest, its robust CV, and its wall time per run.</summary>
    public static string Describe(IReadOnlyList<CoreSpeed> cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        if (cores.Count == 0) return "no cores";
        var best = cores.Min(c => c.MedianMs);
        return string.Join(", ", cores.Select(c =>
        {
            var slower = c.MedianMs / best - 1;
            var rel = slower > 0.0005 ? $" (+{Pct(slower)})" : "";
            var wall = double.IsFinite(c.WallMedianMs) ? string.Create(CultureInfo.InvariantCulture, $" (wall {c.WallMedianMs:0.00})") : "";
            return string.Create(CultureInfo.InvariantCulture, $"CPU {c.Cpu} {c.MedianMs:0.00} ms{rel} ±{Pct(c.RobustCv)}{wall}");
        }));
    }

    private static string Pct(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
