using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;

namespace AiLab.Storage.Tests.Incidents;

/// <summary>Incidents with every member set to something other than its default.</summary>
internal static class IncidentSamples
{
    public static Incident Incident(string sha = "3f1c2b9a0d4e5f60718293a4b5c6d7e8f9012345", string metric = "ttfb", DateTimeOffset? createdAt = null) => new()
    {
        CreatedAt = createdAt ?? new DateTimeOffset(2026, 11, 23, 9, 15, 0, 123, TimeSpan.FromHours(2)),
        Workflow = "pytorch-train",
        Repository = "/srv/repos/trainer",
        Metric = metric,
        Phase = "config_validation",
        Culprit = new CulpritCommit(sha, "Ada Lovelace", "ada@example.com", "Validate the config twice", " train.py | 4 ++--\n 1 file changed"),
        Range = new RevisionRange("v1.0", "v1.1"),
        Change = new ChangeEstimate(8.1, [6.0, 10.2], 120.5, [90.25, 150.75]),
        Evidence =
        [
            new IncidentEvidence(EvidenceRole.Original, "ab-20261123-0915-1a2b", Verdict.Regression, "CI [6.0%, 10.2%] above +5%"),
            new IncidentEvidence(EvidenceRole.Confirmation, "ab-20261123-0931-3c4d", Verdict.Regression, "confirmed: CI [5.8%, 9.9%]"),
        ],
        TrialsUsed = 140,
    };
}
