using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Execution.Git;
using AiLab.Lab.Probes;

namespace AiLab.Lab.Variants;

/// <summary>Prepares variants for real: a revision is materialized in its own worktree and built once through the
/// build cache (keyed by its tree, so an identical tree is never rebuilt); without a repository the variant runs in
/// the experiment's working directory as it is.</summary>
public sealed class WorkspacePreparer(BuildCache buildCache, ProbeEnvironment probe) : IVariantPreparer
{
    /// <inheritdoc />
    public PreparedVariant Prepare(Experiment experiment, Variant variant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(variant);
        var workflow = experiment.Workflow;
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in workflow.Environment) env[k] = v;
        foreach (var (k, v) in variant.Environment) env[k] = v;

        string root;
        var reused = false;
        string? buildLog = null;
        if (experiment.RepositoryPath is { } repoPath)
        {
            var repo = GitRepository.Open(repoPath);
            var commit = experiment.Commits.TryGetValue(variant.Label, out var sha) ? sha : repo.ResolveCommit(variant.Revision ?? "HEAD");
            var buildEnv = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
            var build = buildCache.Prepare(repo, commit, workflow.Build, buildEnv, cancellationToken, experiment.FreshBuilds ? experiment.Id : null);
            if (!build.Succeeded)
                return new PreparedVariant { Variant = variant, Succeeded = false, Reason = build.Reason, BuildLogPath = build.BuildLogPath };
            root = build.Directory;
            reused = build.Reused;
            buildLog = build.BuildLogPath;
        }
        else
        {
            root = experiment.WorkingDirectory ?? Directory.GetCurrentDirectory();
            if (workflow.Build is not null)
                return new PreparedVariant { Variant = variant, Succeeded = false, Reason = $"a build command needs a " +
                    $"git repository (--repo): builds are cached per source tree" };
        }

        var workingDirectory = workflow.WorkingDirectory is { } sub ? Path.GetFullPath(Path.Combine(root, sub)) : root;
        if (!Directory.Exists(workingDirectory))
            return new PreparedVariant { Variant = variant, Succeeded = false, Reason = $"working directory " +
                $"{workingDirectory} does not exist in {variant.Describe()}" };

        var existingPythonPath = env.TryGetValue("PYTHONPATH", out var pp) ? pp : Environment.GetEnvironmentVariable("PYTHONPATH");
        foreach (var (k, v) in probe.For(workflow.AutoInstrument, existingPythonPath)) env[k] = v;
        return new PreparedVariant
        {
            Variant = variant, Succeeded = true, WorkingDirectory = workingDirectory, Environment = env,
            BuildReused = reused, BuildLogPath = buildLog,
        };
    }
}
