using System.Collections.Concurrent;
using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;

namespace AiLab.Testing.Bisection;

/// <summary>A comparer over a <see cref="SimulatedHistory"/>: it generates seeded trials from the commits' known
/// effects and decides them with the real <see cref="ExperimentAnalyzer"/>, so bisection's logic is tested in
/// milliseconds against the lab's real verdict rules. The same pair at the same trial count always gives the same
/// trials, whatever order the comparisons come in.</summary>
public sealed class SimulatedRevisionComparer(SimulatedHistory history, SimulationNoise noise, VerdictPolicy policy, int seed) : IRevisionComparer
{
    private static readonly WorkflowSpec Workflow = new() { Name = "simulated", Run = "simulated" };
    private readonly ConcurrentQueue<(string Base, string Candidate, int Trials)> _calls = new();
    private int _experiments;

    /// <summary>Every comparison asked for, in order.</summary>
    public IReadOnlyList<(string Base, string Candidate, int Trials)> Calls => _calls.ToList();

    /// <inheritdoc />
    public Task<RevisionComparison> CompareAsync(string baseCommit, string candidateCommit, int trialsPerVariant, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _calls.Enqueue((baseCommit, candidateCommit, trialsPerVariant));
        var id = string.Create(CultureInfo.InvariantCulture, $"sim-{Interlocked.Increment(ref _experiments):D4}");
        var failed = history[baseCommit].Broken ? ComparisonFailure.Base : history[candidateCommit].Broken ? ComparisonFailure.Candidate : ComparisonFailure.None;
        if (failed != ComparisonFailure.None)
        {
            var which = failed == ComparisonFailure.Base ? baseCommit : candidateCommit;
            return Task.FromResult(new RevisionComparison
            {
                BaseCommit = baseCommit, CandidateCommit = candidateCommit, TrialsPerVariant = trialsPerVariant, ExperimentId = id,
                Failure = failed, Reason = $"the build command exited with code 1 (simulated: {which} is broken)",
            });
        }

        var pairSeed = StableHash(seed, baseCommit, candidateCommit, trialsPerVariant);
        var random = new Random(pairSeed);
        var records = new List<TrialRecord>();
        for (var i = 0; i < trialsPerVariant; i++)
        {
            records.Add(new TrialRecord(id, records.Count, "A", false, Trial(baseCommit, random)));
            records.Add(new TrialRecord(id, records.Count, "B", false, Trial(candidateCommit, random)));
        }

        var experiment = new Experiment
        {
            Id = id,
            Kind = ExperimentKind.AB,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Workflow = Workflow,
            Variants = [new Variant("A", baseCommit, new Dictionary<string, string>()), new Variant("B", candidateCommit, new Dictionary<string, string>())],
            TrialsPerVariant = trialsPerVariant,
            WarmupPerVariant = 0,
            Seed = pairSeed,
        };
        return Task.FromResult(new RevisionComparison
        {
            BaseCommit = baseCommit, CandidateCommit = candidateCommit, TrialsPerVariant = trialsPerVariant, ExperimentId = id,
            Verdict = ExperimentAnalyzer.Analyze(experiment, records, policy), TrialsRun = records.Count,
        });
    }

    private TrialResult Trial(string commit, Random random)
    {
        var factor = history[commit].NoiseFactor;
        var machine = Math.Exp(noise.Machine * factor * Normal(random));
        var offset = 0.0;
        var marks = new List<Mark>();
        var phases = new List<Phase>();
        foreach (var (name, ms) in history.PhasesAt(commit))
        {
            // Zero-mean jitter: a noisy commit must not also be a slower one, or it would rightly be blamed.
            var own = factor * noise.PhaseFactors.GetValueOrDefault(name, 1.0);
            if (noise.CpuStamped)
            {
                var cpu = Math.Max(0.01, ms * Math.Exp(noise.CpuRelative * own * Normal(random)));
                var wall = cpu * noise.LoadStretch * machine * Math.Exp(noise.Load * own * Normal(random));
                offset += wall;
                phases.Add(new Phase(name, wall, cpu));
                marks.Add(new Mark(name, offset));
                continue;
            }

            var value = Math.Max(0.01, (ms * machine * Math.Exp(noise.Relative * own * Normal(random))) + (noise.JitterMs * own * (random.NextDouble() - 0.5)));
            offset += value;
            phases.Add(new Phase(name, value));
            marks.Add(new Mark(name, offset));
        }

        return new TrialResult
        {
            Status = TrialStatus.Succeeded,
            StartedAt = DateTimeOffset.UnixEpoch,
            WallMs = offset + 5,
            TtfbMs = offset,
            Marks = marks,
            Phases = phases,
            Resources = new ResourceUsage(offset * 0.9, offset * 0.1, 200L << 20),
        };
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>FNV-1a over the inputs: string.GetHashCode is randomized per process, which would make runs differ.</summary>
    private static int StableHash(int seed, string a, string b, int trials)
    {
        unchecked
        {
            var h = 2166136261u ^ (uint)seed;
            foreach (var ch in $"{a}\n{b}\n{trials.ToString(CultureInfo.InvariantCulture)}")
            {
                h ^= ch;
                h *= 16777619u;
            }

            return (int)h;
        }
    }
}
