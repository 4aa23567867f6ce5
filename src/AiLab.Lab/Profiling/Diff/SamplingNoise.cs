using AiLab.Stats.Distributions;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>A floor, in sampling intervals, that grows with the number of paths compared: so that a profile with
/// hundreds of candidate stacks (.NET: the framework paths an ML.NET start-up walks) does not turn the few samples that
/// land on either side of a near-floor path into findings.</summary>
/// <remarks>
/// <para><b>Model.</b> The paths that counting noise can fake are the small ones: a path of <c>F</c> ms (the effect
/// floor, the smallest change that is named) visited in short bits between samples gets a count of samples close to
/// Poisson with mean <c>F / w</c> (<c>w</c>: the mean weight of one sample), so its sampled time has variance about
/// <c>w·F</c> per trial, and the difference of the two variants' per-trial means a standard error of
/// <c>√(w·F·(1/n_A + 1/n_B))</c>. A change must reach <c>z</c> of those. <c>w</c> is measured, not assumed: the sampled
/// time over the number of samples of all the trials (a loaded machine, a GIL-bound Python sampler or a .NET sample
/// profiler that suspends the runtime sample less often than asked).</para>
/// <para><b>Multiplicity.</b> Each of the <c>m</c> candidate paths is a comparison: <c>z = Φ⁻¹(1 − α / 2m)</c>,
/// Bonferroni's bound (Dunn 1961, "Multiple comparisons among means", JASA 56:52–64), so that counting noise alone
/// names any path with probability at most α (one minus <see cref="Running.ProfileOptions.Confidence"/>). Only the
/// paths that could be findings are counted (in the spirit of Tarone 1990, "A modified Bonferroni method for discrete
/// data", Biometrics 46:515–522: a hypothesis that cannot reach significance spends no α): a path whose median is under
/// the effect floor in both variants cannot change by the floor.</para>
/// <para><b>Why a constant, not <c>√(w·T)</c> per path.</b> The samplers are fixed-interval timers: over a long,
/// contiguous block (a 250 ms sleep, a parent of everything) the count is off by at most a sample or so, far below
/// Poisson's <c>w·T</c>, and those paths are held to the bootstrap interval and the interquartile-range guard of
/// <see cref="ChangeJudge"/>. Real trial-to-trial variation (a wait the scheduler ends late) is not counting noise
/// either; with 4 or 5 trials a side no per-path test over trials can reach a Bonferroni level for hundreds of paths
/// (5 against 5 trials: the smallest two-sided permutation p is 1/126), which is why more <c>--profile-trials</c> are
/// the remedy there.</para>
/// </remarks>
public sealed class SamplingNoise
{
    private SamplingNoise(double sampleMs, double z, int paths, int trialsA, int trialsB)
    {
        SampleMs = sampleMs;
        Z = z;
        Paths = paths;
        (_trialsA, _trialsB) = (trialsA, trialsB);
    }

    private readonly int _trialsA;
    private readonly int _trialsB;

    /// <summary>The measured mean weight of one sample, in ms.</summary>
    public double SampleMs { get; }

    /// <summary>Standard errors a change must reach.</summary>
    public double Z { get; }

    /// <summary>The number of paths compared (that could be findings).</summary>
    public int Paths { get; }

    /// <summary>The floor for <paramref name="paths"/> compared paths.</summary>
    /// <param name="sampleMs">The mean weight of one sample (sampled ms over samples).</param>
    /// <param name="paths">Paths that could be findings (at least 1).</param>
    /// <param name="alpha">Family-wise error rate.</param>
    /// <param name="trialsA">Profiled trials of the baseline.</param>
    /// <param name="trialsB">Profiled trials of the candidate.</param>
    public static SamplingNoise For(double sampleMs, int paths, double alpha, int trialsA, int trialsB)
    {
        var m = Math.Max(1, paths);
        return new SamplingNoise(sampleMs, NormalDistribution.Quantile(1 - (alpha / (2.0 * m))), m, trialsA, trialsB);
    }

    /// <summary>The smallest change counting noise cannot give any of the candidate paths, for effect floor
    /// <paramref name="effectFloorMs"/>.</summary>
    public double FloorMs(double effectFloorMs) =>
        Z * Math.Sqrt(SampleMs * effectFloorMs * ((1.0 / _trialsA) + (1.0 / _trialsB)));
}
