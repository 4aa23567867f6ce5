using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Execution.Git;

namespace AiLab.Lab.Experiments;

/// <summary>Turns a plan into an experiment: resolves every revision to its commit (so that a branch moving during
/// the experiment changes nothing) and gives it an id and a seed.</summary>
public static class ExperimentPlanner
{
    /// <summary>Creates the experiment. Unknown revisions throw <see cref="UnknownRevisionException"/>.</summary>
    public static Experiment Create(ExperimentPlan plan, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        if (plan.Trials < 2) throw new ArgumentException($"an experiment needs at least 2 trials per variant, got {plan.Trials}");
        if (plan.Warmup < 0) throw new ArgumentException($"warm-up trials per variant must be 0 or more, got {plan.Warmup}");
        var commits = new Dictionary<string, string>(StringComparer.Ordinal);
        var variants = plan.Variants;
        if (plan.RepositoryPath is { } path)
        {
            var repo = GitRepository.Open(path);
            variants = variants.Select(v => v.Revision is null ? v with { Revision = "HEAD" } : v).ToList();
            foreach (var v in variants) commits[v.Label] = repo.ResolveCommit(v.Revision!);
        }

        var now = time.GetUtcNow();
        var seed = plan.Seed ?? Random.Shared.Next();
        var prefix = plan.Kind == ExperimentKind.AB ? "ab" : "run";
        var id = NewId(prefix, now);
        return new Experiment
        {
            Id = id,
            Kind = plan.Kind,
            Tier = plan.Tier,
            CreatedAt = now,
            Workflow = plan.Workflow,
            RepositoryPath = plan.RepositoryPath is null ? null : GitRepository.Open(plan.RepositoryPath).Root,
            WorkingDirectory = plan.WorkingDirectory,
            Variants = variants,
            Commits = commits,
            TrialsPerVariant = plan.Trials,
            WarmupPerVariant = plan.Warmup,
            Seed = seed,
            WithheldEnvironment = plan.Workflow.EnvPolicy.Withheld(
                System.Environment.GetEnvironmentVariables().Keys.OfType<string>(),
                plan.Workflow.Environment.Keys.Concat(variants.SelectMany(v => v.Environment.Keys))),
        };
    }

    /// <summary>A new id such as <c>ab-20261123-091500-3f2a</c>: the prefix, the creation time to the second, and a
    /// random suffix so two created in the same second differ.</summary>
    public static string NewId(string prefix, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{now:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
