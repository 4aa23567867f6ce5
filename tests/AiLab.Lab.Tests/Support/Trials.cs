using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Tests.Support;

/// <summary>Builders for experiments and trial results of known content.</summary>
internal static class Trials
{
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    /// <summary>A successful trial whose phases are <paramref name="phases"/>, in order, ending at first_batch.</summary>
    public static TrialResult Succeeded(IReadOnlyList<(string Name, double Ms)> phases, double cpuMs = 500, long rssBytes = 256L << 20)
    {
        var marks = new List<Mark>();
        var offset = 0.0;
        foreach (var (name, ms) in phases)
        {
            offset += ms;
            marks.Add(new Mark(name, offset));
        }

        return new TrialResult
        {
            Status = TrialStatus.Succeeded,
            StartedAt = Start,
            WallMs = offset + 10,
            TtfbMs = offset,
            Marks = marks,
            Phases = phases.Select(p => new Phase(p.Name, p.Ms)).ToList(),
            Resources = new ResourceUsage(cpuMs * 0.8, cpuMs * 0.2, rssBytes),
        };
    }

    /// <summary>A failed trial with <paramref name="reason"/>.</summary>
    public static TrialResult Failed(string reason, FailureKind failure = FailureKind.NonZeroExit) => new()
    {
        Status = TrialStatus.Failed,
        Failure = failure,
        Reason = reason,
        ExitCode = failure == FailureKind.NonZeroExit ? 1 : null,
        StartedAt = Start,
        WallMs = 5,
    };

    /// <summary>An A/B experiment of two variants "A" and "B" that differ only by environment.</summary>
    public static Experiment AbExperiment(
        string id = "ab-test-0001", int trials = 6, int warmup = 1, int seed = 42, WorkflowSpec? workflow = null,
        IReadOnlyDictionary<string, string>? envA = null, IReadOnlyDictionary<string, string>? envB = null,
        string? workingDirectory = null, ExperimentKind kind = ExperimentKind.AB) => new()
    {
        Id = id,
        Kind = kind,
        CreatedAt = Start,
        Workflow = workflow ?? new WorkflowSpec { Name = "fake", Run = "fake-train", Timeout = TimeSpan.FromSeconds(30) },
        WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        Variants = kind == ExperimentKind.AB
            ? [new Variant("A", null, envA ?? new Dictionary<string, string>()), new Variant("B", null, envB ?? new Dictionary<string, string>())]
            : [new Variant("A", null, envA ?? new Dictionary<string, string>())],
        TrialsPerVariant = trials,
        WarmupPerVariant = warmup,
        Seed = seed,
    };
}
