using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;

namespace AiLab.Lab.Incidents;

/// <summary>Turns a bisection's regressions into incidents: the culprit commit with its author and diff stat, the
/// range, the effect with its interval, and both pieces of evidence — the good-vs-bad experiment that found the
/// change and the culprit's own experiment (against its parent) that reproduced it independently.</summary>
public static class CulpritIncidents
{
    /// <summary>One incident per regressing culprit; improvements are reported, not filed.</summary>
    public static IReadOnlyList<Incident> From(BisectResult result, string workflow, string repository, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var incidents = new List<Incident>();
        foreach (var culprit in result.Culprits.Where(c => c.Direction == Verdict.Regression))
        {
            var main = culprit.Main.Comparison;
            var metric = culprit.MetricComparison ?? main;
            var evidence = new List<IncidentEvidence>();
            if (result.RangeComparison is { ExperimentId: { } rangeId } range)
            {
                evidence.Add(new IncidentEvidence(EvidenceRole.Original, rangeId, range.Verdict?.Overall ?? result.RangeVerdict,
                    $"good {result.Good[..12]} vs bad {result.Bad[..12]}: {result.Metric} {result.RangeVerdict.ToWire()}"));
            }

            if (culprit.Main.ExperimentId is { } own)
            {
                evidence.Add(new IncidentEvidence(EvidenceRole.Confirmation, own, culprit.Direction,
                    $"{culprit.Summary} (against {culprit.Main.BaseCommit[..Math.Min(12, culprit.Main.BaseCommit.Length)]}): {main.Reason}"));
            }

            var info = culprit.Info;
            incidents.Add(new Incident
            {
                CreatedAt = now,
                Workflow = workflow,
                Repository = repository,
                Metric = result.Metric,
                Phase = culprit.Phase,
                Culprit = new CulpritCommit(
                    culprit.Commit, info?.Author ?? "unknown", info?.AuthorEmail ?? "", info?.Subject ?? "",
                    culprit.DiffStat is { } d ? $"{d.FilesChanged} files changed, {d.Insertions} insertions(+), {d.Deletions} deletions(-)" : null),
                Range = new RevisionRange(result.Good, result.Bad),
                Change = new ChangeEstimate(metric.ChangePct, metric.CiPct, metric.Diff, metric.CiDiff),
                Evidence = evidence,
                TrialsUsed = result.Trials,
            });
        }

        return incidents;
    }
}
