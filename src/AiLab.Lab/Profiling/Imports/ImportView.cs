using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Profiling.Imports;

/// <summary>The import tree of both variants (what <c>python -X importtime</c> shows, per variant, median over the
/// profiled trials), and the modules a change moved out of or into the TTFB window.</summary>
/// <param name="Modules">Every module, in import-tree order (a parent before its children).</param>
/// <param name="Left">Top modules imported inside the baseline's window but not the candidate's (made lazy, dropped),
/// largest first; a module whose parent also left is counted in its parent.</param>
/// <param name="Entered">Top modules that entered the window, largest first.</param>
/// <param name="FloorMs">Smaller modules are not listed as having left or entered.</param>
public sealed record ImportView(IReadOnlyList<ImportModule> Modules, IReadOnlyList<ImportModule> Left,
    IReadOnlyList<ImportModule> Entered, double FloorMs)
{
    /// <summary>The view of <paramref name="set"/>'s sampled trials; <paramref name="floorMs"/> is the smallest
    /// import time listed as having left or entered the window.</summary>
    public static ImportView Compute(ProfileSet set, double floorMs)
    {
        ArgumentNullException.ThrowIfNull(set);
        var trials = set.Baseline.Concat(set.Candidate).ToList();
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in trials.SelectMany(t => t.Imports).OrderBy(r => r.StartMs))
        {
            if (parents.TryAdd(record.Module, record.Parent)) order.Add(record.Module);
        }

        int Depth(string module)
        {
            var depth = 0;
            for (var p = parents[module]; p is not null && depth < 64 && parents.ContainsKey(p); p =
                parents[p]) depth++;
            return depth;
        }

        var modules = order.Select(m => new ImportModule(
            m, parents[m], Depth(m), WindowMs(set.Baseline, m), WindowMs(set.Candidate, m),
            InWindow(set.Baseline, m), InWindow(set.Candidate, m))).ToList();
        var byName = modules.ToDictionary(m => m.Module, StringComparer.Ordinal);
        bool ParentToo(ImportModule m, string window) =>
            m.Parent is { } p && byName.TryGetValue(p, out var parent) && parent.Window == window;
        var left = modules.Where(m => m.Window == "left" && !ParentToo(m, "left") && m.BaselineMs >= floorMs)
            .OrderByDescending(m => m.BaselineMs).ToList();
        var entered = modules.Where(m => m.Window == "entered" && !ParentToo(m, "entered") && m.CandidateMs >= floorMs)
            .OrderByDescending(m => m.CandidateMs).ToList();
        return new ImportView(Tree(modules), left, entered, floorMs);
    }

    private static double WindowMs(IReadOnlyList<TrialProfile> trials, string module) =>
        Descriptive.Median(trials.Select(t => t.Imports.Where(r => r.Module == module && r.InWindow).Sum(r =>
            r.TotalMs)).ToList());

    private static bool InWindow(IReadOnlyList<TrialProfile> trials, string module) =>
        trials.Count(t => t.Imports.Any(r => r.Module == module && r.InWindow)) * 2 > trials.Count;

    private static List<ImportModule> Tree(List<ImportModule> modules)
    {
        var children = modules.ToLookup(m => m.Parent ?? "", StringComparer.Ordinal);
        var names = modules.Select(m => m.Module).ToHashSet(StringComparer.Ordinal);
        var result = new List<ImportModule>();
        void Walk(string parent)
        {
            foreach (var child in children[parent].OrderByDescending(m => Math.Max(m.BaselineMs, m.CandidateMs)))
            {
                result.Add(child);
                Walk(child.Module);
            }
        }

        Walk("");
        // Modules whose parent was never seen as an import of its own (imported by the harness's own start) are roots.
        foreach (var orphan in modules.Where(m => m.Parent is { } p && !names.Contains(p) && !result.Contains(m)))
        {
            result.Add(orphan);
            Walk(orphan.Module);
        }

        return result;
    }
}
