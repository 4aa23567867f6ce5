using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;

namespace AiLab.Notifications.Tests.Support;

/// <summary>Sample incidents: what a bisection would record.</summary>
internal static class Incidents
{
    public static Incident Sample(string sha = "3f1c2b9a0d4e5f60718293a4b5c6d7e8f9012345", string workflow = "pytorch-train") => new()
    {
        CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.Zero),
        Workflow = workflow,
        Repository = "/srv/repos/trainer",
        Metric = "ttfb",
        Phase = "config_validation",
        Culprit = new CulpritCommit(sha, "Ada Lovelace", "ada@example.com", "Validate the config twice | safely", " train.py | 4 ++--\n 1 file changed, 2 insertions(+), 2 deletions(-)"),
        Range = new RevisionRange("v1.0", "v1.1"),
        Change = new ChangeEstimate(8.1, [6.0, 10.2], 120.5, [90.25, double.NaN]),
        Evidence =
        [
            new IncidentEvidence(EvidenceRole.Original, "ab-20261123-0915-1a2b", Verdict.Regression, "CI [6.0%, 10.2%] above +5%"),
            new IncidentEvidence(EvidenceRole.Confirmation, "ab-20261123-0931-3c4d", Verdict.Regression, "confirmed: CI [5.8%, 9.9%]"),
        ],
        TrialsUsed = 140,
    };
}
