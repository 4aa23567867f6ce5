using AiLab.Core.Experiments;
using AiLab.Core.Scheduling;

namespace AiLab.Server.Views;

/// <summary>The branch an experiment measured, for the home page's branch filter: the branch the scheduler saw its
/// commit arrive on, else B's revision when it names a branch (<c>--b my-branch</c>), else <see cref="AdHoc"/>.
/// </summary>
public static class ExperimentBranches
{
    /// <summary>Experiments with no branch to name (a sha, HEAD~1, an environment variant).</summary>
    public const string AdHoc = "(ad hoc)";

    /// <summary>Experiment id → branch, from the scheduler's queue.</summary>
    public static IReadOnlyDictionary<string, string> FromQueue(IEnumerable<WorkItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.ExperimentId is { } id) map[id] = item.Branch;
        }

        return map;
    }

    /// <summary>The branch of <paramref name="experiment"/> (a confirmation run has its original's).</summary>
    public static string Of(ExperimentDigest experiment, IReadOnlyDictionary<string, string> queued)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(queued);
        if (queued.TryGetValue(experiment.ConfirmationOf ?? experiment.Id, out var branch)) return branch;
        var revision = experiment.B?.Revision;
        return revision is not null && NamesBranch(revision) ? revision : AdHoc;
    }

    private static bool NamesBranch(string revision) =>
        revision != "HEAD" && revision.IndexOfAny(['~', '^', '@', ':']) < 0
        && !(revision.Length >= 7 && revision.All(Uri.IsHexDigit));
}
