using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

/// <summary>The sampling-noise floor on the shape that gave the ML.NET A/A its false findings: hundreds of distinct
/// framework paths, each a few samples of a 1 ms sampler (Poisson counts, their rates varying from trial to trial
/// as a loaded machine makes them), a few of them near the 1% floor. Simulated, with the rates of false findings and
/// the power measured with and without the floor on the same trials.</summary>
public sealed class SamplingNoiseTests
{
    private const int Paths = 240;

    [Fact]
    public void Compute_ManyNearFloorFrameworkPaths_FalseFindingRateUnderFivePercentAndAPlantedPathStillFound()
    {
        var random = new Random(11);
        const int Runs = 200;
        var (withFloor, without, found) = (0, 0, 0);
        for (var i = 0; i < Runs; i++)
        {
            var neutral = SyntheticProfiles.Set(Trials("A", 5, 0, random), Trials("B", 5, 0, random));
            var options = ProfileOptions.Default with { Seed = i };
            if (ProfileDiff.Compute(neutral, options).Findings.Count > 0) withFloor++;
            if (ProfileDiff.Compute(neutral, options with { SamplingNoiseFloor = false }).Findings.Count > 0) without++;
            var planted = SyntheticProfiles.Set(Trials("A", 5, 0, random), Trials("B", 5, 12, random));
            var findings = ProfileDiff.Compute(planted, options).Findings;
            if (findings.Count > 0 && findings[0].Path[0] == "Planted.Slow") found++;
        }

        Console.WriteLine($"sampling noise: {withFloor} of {Runs} neutral comparisons with a finding with the floor, " +
            $"{without} without it; planted path the top finding in {found} of {Runs}");
        Assert.True(withFloor <= Runs * 0.05, $"{withFloor} of {Runs} neutral comparisons had a finding");
        Assert.True(without > withFloor, $"without the floor {without}, with it {withFloor}: the shape shows nothing");
        Assert.True(found >= Runs * 0.9, $"the planted path was the top finding in {found} of {Runs}");
    }

    [Fact]
    public void For_MorePathsCompared_HigherFloorAndTheBonferroniQuantile()
    {
        var one = SamplingNoise.For(1, 1, 0.01, 5, 5);
        var many = SamplingNoise.For(1, 200, 0.01, 5, 5);

        Assert.Equal(2.5758, one.Z, 3);
        Assert.Equal(4.0556, many.Z, 3);
        Assert.Equal(4.0556 * Math.Sqrt(1 * 3.2 * 0.4), many.FloorMs(3.2), 2);
        Assert.True(SamplingNoise.For(1, 200, 0.01, 10, 10).FloorMs(3.2) < many.FloorMs(3.2));
    }

    /// <summary>One variant's trials: 100 ms of the program's own work, then <see cref="Paths"/> framework paths whose
    /// expected sample counts fall from 6 to under 0.1, each trial's rates scaled by a lognormal factor; with
    /// <paramref name="plantedMs"/> &gt; 0 a new path of that many samples.</summary>
    private static List<TrialProfile> Trials(string label, int trials, int plantedMs, Random random)
    {
        var frames = new List<ProfileFrame>
        {
            new("Program", "Main", "app.dll", 0), new("Planted", "Slow", "app.dll", 0),
        };
        for (var i = 0; i < Paths; i++) frames.Add(new ProfileFrame($"System.Fw{i % 17}", $"M{i}", "fw.dll", 0));
        var result = new List<TrialProfile>();
        for (var t = 0; t < trials; t++)
        {
            var scale = Math.Exp(0.3 * Normal(random));
            var stacks = new List<SampledStack> { new("preprocessing", [0], 100, 100) };
            for (var i = 0; i < Paths; i++)
            {
                var n = Poisson(6 * Math.Exp(-i / 40.0) * scale, random);
                if (n > 0) stacks.Add(new SampledStack("preprocessing", [0, 2 + i], n, n));
            }

            if (plantedMs > 0) stacks.Add(new SampledStack("preprocessing", [0, 1], plantedMs, plantedMs));
            result.Add(new TrialProfile
            {
                Variant = label, TtfbMs = 60 + stacks.Sum(s => s.Ms), UnprofiledMs = 60, IntervalMs = 1,
                Frames = frames, Stacks = stacks, Imports = [],
            });
        }

        return result;
    }

    private static int Poisson(double lambda, Random random)
    {
        // Knuth's multiplication method: exact, and fast for the small means here.
        var (limit, k, p) = (Math.Exp(-lambda), 0, 1.0);
        do { k++; p *= random.NextDouble(); } while (p > limit);
        return k - 1;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
