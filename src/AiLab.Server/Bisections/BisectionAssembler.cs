using System.Security.Cryptography;
using System.Text;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Execution.Git;

namespace AiLab.Server.Bisections;

/// <summary>Rebuilds bisections from what the lab stores: incidents name their range, workflow and repository; the
/// steps are the A/B experiments of that workflow and repository whose two commits both lie in the range (read from
/// git), run no later than the incident.</summary>
public static class BisectionAssembler
{
    /// <summary>One bisection per (repository, workflow, range) among <paramref name="incidents"/>, newest first.</summary>
    public static IReadOnlyList<Bisection> Assemble(
        IReadOnlyList<Incident> incidents, IReadOnlyList<ExperimentDigest> experiments)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(experiments);
        return [.. incidents
            .GroupBy(i => IdOf(i.Repository, i.Workflow, i.Range), StringComparer.Ordinal)
            .Select(g => Build(g.Key, [.. g.OrderBy(i => i.CreatedAt)], experiments))
            .OrderByDescending(b => b.Culprits[^1].CreatedAt)];
    }

    /// <summary>The bisection id of a range.</summary>
    public static string IdOf(string repository, string workflow, RevisionRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{repository}\n{workflow}\n{range.Good}\n{range.Bad}"));
        return "bis-" + Convert.ToHexStringLower(hash)[..16];
    }

    private static Bisection Build(
        string id, IReadOnlyList<Incident> incidents, IReadOnlyList<ExperimentDigest> experiments)
    {
        var first = incidents[0];
        var (commits, note) = RangeCommits(first);
        var latest = incidents.Max(i => i.CreatedAt);
        var evidence = incidents.SelectMany(i => i.Evidence).Select(e => e.ExperimentId).ToHashSet(StringComparer.Ordinal);
        var inRange = new HashSet<string>(commits, StringComparer.Ordinal) { first.Range.Good };
        var steps = experiments
            .Where(e => e.Kind == ExperimentKind.AB && e.Workflow == first.Workflow)
            .Where(e => evidence.Contains(e.Id)
                || (commits.Count > 0 && SameRepository(e.RepositoryPath, first.Repository) && e.CreatedAt <= latest
                    && e.Commits.Count == 2 && e.Commits.Values.All(inRange.Contains)))
            .OrderBy(e => e.CreatedAt)
            .Select(StepOf)
            .ToList();
        return new Bisection
        {
            Id = id, Workflow = first.Workflow, Repository = first.Repository, Range = first.Range, Commits = commits,
            Steps = steps, Culprits = incidents, Note = note,
        };
    }

    private static (IReadOnlyList<string> Commits, string? Note) RangeCommits(Incident incident)
    {
        try
        {
            var repo = GitRepository.Open(incident.Repository);
            return (repo.FirstParentRange(incident.Range.Good, incident.Range.Bad), null);
        }
        catch (Exception e) when (e is GitException or UnknownRevisionException or IOException)
        {
            return ([], $"the range's commits could not be read from {incident.Repository} ({e.Message.Split('\n')[0]}); "
                + "only the incidents' evidence is shown");
        }
    }

    private static bool SameRepository(string? path, string repository) =>
        path is not null && string.Equals(Path.GetFullPath(path).TrimEnd('/'), Path.GetFullPath(repository).TrimEnd('/'), StringComparison.Ordinal);

    private static BisectionStep StepOf(ExperimentDigest e)
    {
        var a = e.A is { } va ? e.Commits.GetValueOrDefault(va.Label) ?? "?" : "?";
        var b = e.B is { } vb ? e.Commits.GetValueOrDefault(vb.Label) ?? "?" : "?";
        return new BisectionStep(e.Id, e.CreatedAt, a, b, e.Verdict ?? e.StatusName,
            e.TtfbChangePct ?? double.NaN, e.BasisSummary ?? e.StatusReason);
    }
}
