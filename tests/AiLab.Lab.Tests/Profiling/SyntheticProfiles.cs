using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

/// <summary>Profiled trials made up in memory: a launcher with 30 functions whose times vary from trial to trial
/// (lognormal, as start-up times do), and optionally a planted <c>repr ← memoize_key ← build_features</c>.</summary>
internal static class SyntheticProfiles
{
    private static readonly ProfileFrame Module = new("train", "<module>", "/w/train.py", 1);
    private static readonly ProfileFrame Build = new("features", "build_features", "/w/features.py", 8);
    private static readonly ProfileFrame Memo = new("features", "memoize_key", "/w/features.py", 4);
    private static readonly ProfileFrame Repr = new("builtins", "repr", "~", 0);

    /// <summary>One variant's trials; <paramref name="reprMs"/> is the planted time in repr (0: none).</summary>
    public static List<TrialProfile> Variant(string label, int trials, double reprMs, Random random, double sigma =
        0.15)
    {
        var frames = new List<ProfileFrame> { Module, Build, Memo, Repr };
        for (var i = 0; i < 30; i++) frames.Add(new ProfileFrame("lib", $"f{i}", "/w/lib.py", 10 * i + 1));
        var result = new List<TrialProfile>();
        for (var t = 0; t < trials; t++)
        {
            var stacks = new List<SampledStack>();
            for (var i = 0; i < 30; i++)
            {
                // A few big functions, many small ones: 40 ms down to about 2 ms.
                var ms = 40.0 / (1 + i) * Math.Exp(sigma * Normal(random));
                stacks.Add(new SampledStack(i < 10 ? "imports" : "preprocessing", [0, 4 + i], (int)Math.Max(1, ms / 5),
                    ms));
            }

            stacks.Add(new SampledStack("preprocessing", [0, 1], 2, 10 * Math.Exp(sigma * Normal(random))));
            if (reprMs > 0)
                stacks.Add(new SampledStack("preprocessing", [0, 1, 2, 3], (int)(reprMs / 5),
                    reprMs * Math.Exp(0.05 * Normal(random))));
            var unprofiled = 30 * Math.Exp(sigma * Normal(random));
            result.Add(new TrialProfile
            {
                Variant = label, TtfbMs = unprofiled + stacks.Sum(s => s.Ms), UnprofiledMs = unprofiled, IntervalMs = 5,
                Frames = frames, Stacks = stacks, Imports = [],
            });
        }

        return result;
    }

    /// <summary>A set of both variants.</summary>
    public static ProfileSet Set(List<TrialProfile> a, List<TrialProfile> b, IReadOnlyList<CallCount>? callsB = null) =>
        new()
    {
        BaselineLabel = "A", CandidateLabel = "B", Baseline = a, Candidate = b, Folder = "/nonexistent",
        CandidateCalls = callsB ?? [],
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
