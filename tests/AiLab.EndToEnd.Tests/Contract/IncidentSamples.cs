using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;
using AiLab.Notifications;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>Incidents, their delivery attempts and a notify run, with fixed values.</summary>
internal static class IncidentSamples
{
    public static readonly DateTimeOffset Created = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    public static Incident Phase() => new()
    {
        CreatedAt = Created,
        Workflow = "pytorch-train",
        Repository = "/home/me/launcher",
        Metric = "ttfb",
        Phase = "config_validation",
        Culprit = new CulpritCommit("3333333333333333333333333333333333333333", "Ada Lovelace", "ada@example.org",
            "Validate the config eagerly", "2 files changed, 14 insertions(+), 3 deletions(-)"),
        Range = new RevisionRange("1111111111111111111111111111111111111111",
            "9999999999999999999999999999999999999999"),
        Change = new ChangeEstimate(298.53, [270.04, 330.9], 120.16, [108.7, 131.05]),
        Evidence =
        [
            new IncidentEvidence(EvidenceRole.Original, "ab-20261123-101600-bbbb", Verdict.Regression,
                "Welch t-test on log values p=3.2e-6 < 0.01"),
            new IncidentEvidence(EvidenceRole.Confirmation, "ab-20261123-101530-dddd", Verdict.Regression,
                "fresh trials reproduced it"),
        ],
        TrialsUsed = 48,
    };

    public static Incident Improvement() => new()
    {
        CreatedAt = Created.AddHours(-26),
        Workflow = "mlnet-train",
        Repository = "/home/me/launcher",
        Metric = "ttfb",
        Culprit = new CulpritCommit("6666666666666666666666666666666666666666", "Grace Hopper", "grace@example.org",
            "Load the tokenizer lazily", null),
        Range = new RevisionRange("5555555555555555555555555555555555555555",
            "6666666666666666666666666666666666666666"),
        Change = new ChangeEstimate(-3.2706, [-4.4, -2.05], -60.54, [-81.3, -37.9]),
        Evidence = [new IncidentEvidence(EvidenceRole.Original, "ab-20261122-081500-ffff", Verdict.Improvement,
            "p=0.00019")],
        TrialsUsed = 24,
        Status = IncidentStatus.Resolved,
    };

    public static IReadOnlyList<DeliveryAttempt> Attempts(string incidentId) =>
        incidentId == Phase().Id
            ?
            [
                new DeliveryAttempt(incidentId, "webhook", Created.AddMinutes(1), false, "connection refused", null),
                new DeliveryAttempt(incidentId, "webhook", Created.AddMinutes(2), false, "HTTP 503", null),
                new DeliveryAttempt(incidentId, "github", Created.AddMinutes(1).AddSeconds(5), true, null,
                    "https://github.com/me/launcher/issues/42"),
            ]
            : [];

    public static NotificationReport Notify() => new(
    [
        new SinkReport("github", "github", [new DeliveryResult(Phase().Id, "github", DeliveryStatus.Delivered, 1,
            "https://github.com/me/launcher/issues/42", null)]),
        new SinkReport("webhook", "webhook",
        [
            new DeliveryResult(Phase().Id, "webhook", DeliveryStatus.Failed, 3, null, "HTTP 503 Service Unavailable"),
            new DeliveryResult(Improvement().Id, "webhook", DeliveryStatus.Skipped, 0, null,
                "only regressions are sent to this sink"),
        ]),
    ]);
}
