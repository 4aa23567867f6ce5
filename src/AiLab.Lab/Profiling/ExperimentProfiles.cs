using AiLab.Core.Experiments;

namespace AiLab.Lab.Profiling;

/// <summary>Keeps a profile with the experiment it belongs to, so that the stored experiment (<c>ailab show</c>, its
/// JSON, the dashboard) carries the findings and the paths of the files next to its verdict.</summary>
public static class ExperimentProfiles
{
    /// <summary>What the experiment keeps of <paramref name="report"/>: the findings as worded, the files.</summary>
    public static ExperimentProfile Of(ProfileReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExperimentProfile(
            [.. report.Diff.Findings.Select(f => new ExperimentProfileFinding(f.Summary, f.Path, f.Phase,
                f.Change.DeltaMs, f.Change.PctOfTtfb))],
            report.Files.Folder, report.Files.FlameGraphHtml, report.Files.Json, report.Files.Speedscope,
            report.OverheadPct);
    }

    /// <summary>The record that the experiment was profiled and no profile came of it.</summary>
    public static ExperimentProfile Failed(string error) => new([], null, null, null, null, null, error);

    /// <summary>Stores <paramref name="profile"/> with experiment <paramref name="id"/>, as it is in the store now
    /// (its verdict was written after its confirmation; nothing else of it changes).</summary>
    /// <returns>The experiment as stored, or null when the store no longer has it.</returns>
    public static async Task<Experiment?> AttachAsync(IExperimentStore store, string id, ExperimentProfile profile,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(profile);
        var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null) return null;
        var updated = stored with { Profile = profile };
        await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }
}
