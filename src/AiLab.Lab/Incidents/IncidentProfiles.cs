using AiLab.Core.Incidents;
using AiLab.Lab.Profiling;

namespace AiLab.Lab.Incidents;

/// <summary>Attaches the culprits' profiles to the incidents a bisection files, so the issue, the e-mail and
/// <c>ailab incidents show</c> say where the time went and where the flame graph is.</summary>
public static class IncidentProfiles
{
    /// <summary>What an incident carries of <paramref name="report"/>: the findings as worded, the files.</summary>
    public static IncidentProfile Of(ProfileReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new IncidentProfile([.. report.Diff.Findings.Select(f => f.Summary)], report.Files.Folder,
            report.Files.FlameGraphHtml, report.Files.Json, report.Files.Speedscope);
    }

    /// <summary>An incident's record that the culprit was profiled and no profile came of it.</summary>
    public static IncidentProfile Failed(string error) => new([], null, null, null, null, error);

    /// <summary><paramref name="incidents"/>, each with the profile of its culprit (by commit) when there is
    /// one.</summary>
    public static IReadOnlyList<Incident> Attach(IReadOnlyList<Incident> incidents,
        IReadOnlyDictionary<string, IncidentProfile> byCommit)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(byCommit);
        return [.. incidents.Select(i => byCommit.TryGetValue(i.Culprit.Sha, out var p) ? i with { Profile = p } : i)];
    }
}
