using AiLab.Core.Experiments;
using AiLab.Core.Footprints;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Footprints;

/// <summary>Turns the probe's per-trial footprint files into a stored <see cref="Footprint"/> per workflow and
/// revision: the union over the variant's successful trials of the loaded modules, with the files inside the
/// workload's repository (the git checkout holding the main script) made repository-relative.</summary>
public sealed class FootprintRecorder(IFootprintStore store, LabPaths paths, TimeProvider time)
{
    /// <summary>Records a footprint for each variant of <paramref name="experiment"/> that ran at a commit (or,
    /// without a repository, for its working directory as revision ""); returns what it stored.</summary>
    public async Task<IReadOnlyList<Footprint>> RecordAsync(
        Experiment experiment, IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(trials);
        var stored = new List<Footprint>();
        foreach (var variant in experiment.Variants)
        {
            var revision = experiment.Commits.TryGetValue(variant.Label, out var sha) ? sha : "";
            var files = trials
                .Where(t => t.Variant == variant.Label && t.Result.Succeeded)
                .Select(t => TrialFootprintFile.Read(paths.TrialFootprint(experiment.Id, t.Sequence, t.Variant), out _))
                .OfType<TrialFootprintFile>()
                .ToList();
            var footprint = Build(experiment.Workflow, revision, files, time.GetUtcNow());
            if (footprint is null) continue;
            await store.SaveAsync(footprint, cancellationToken).ConfigureAwait(false);
            stored.Add(footprint);
        }

        return stored;
    }

    /// <summary>The footprint of <paramref name="workflow"/> from its trials' files; null when there is neither a
    /// probe record nor declared globs.</summary>
    public static Footprint? Build(
        WorkflowSpec workflow, string revision, IReadOnlyList<TrialFootprintFile> files, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var name = workflow.ShrunkFrom ?? workflow.Name; // a shrunk run loads what its production workflow loads
        if (files.Count == 0 && workflow.FootprintGlobs.Count == 0) return null;
        var modules = new SortedSet<string>(StringComparer.Ordinal);
        var inRepo = new SortedSet<string>(StringComparer.Ordinal);
        var roots = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var root = file.Modules.TryGetValue("__main__", out var main) && main is not null
                ? RepositoryRoot(main, roots) : null;
            foreach (var (module, path) in file.Modules)
            {
                modules.Add(module);
                if (root is null || path is null) continue;
                var relative = Path.GetRelativePath(root, path);
                if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                    inRepo.Add(relative.Replace('\\', '/'));
            }
        }

        return new Footprint
        {
            Workflow = name, Revision = revision, Files = [.. inRepo], Globs = workflow.FootprintGlobs,
            Modules = [.. modules], RecordedAt = now,
        };
    }

    /// <summary>The nearest directory above <paramref name="file"/> holding <c>.git</c> (a checkout or a
    /// worktree), or the file's own directory when there is none.</summary>
    private static string RepositoryRoot(string file, Dictionary<string, string?> cache)
    {
        var start = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "/";
        if (cache.TryGetValue(start, out var known) && known is not null) return known;
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
                return cache[start] = dir;
        }

        return cache[start] = start;
    }
}
