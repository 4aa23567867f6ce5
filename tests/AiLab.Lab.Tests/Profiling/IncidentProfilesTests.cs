using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;
using AiLab.Lab.Incidents;
using AiLab.Lab.Profiling;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Rendering;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

public sealed class IncidentProfilesTests
{
    [Fact]
    public void Attach_CulpritProfiled_ItsIncidentCarriesTheTopFindingAndTheFiles()
    {
        var random = new Random(11);
        var set = SyntheticProfiles.Set(SyntheticProfiles.Variant("A", 5, 0, random),
            SyntheticProfiles.Variant("B", 5, 60, random));
        var files = new ProfileReportFiles("/h/p", "/h/p/diff.json", "/h/p/flamegraph.html", "/h/p/s.json");
        var report = new ProfileReport(set, ProfileDiff.Compute(set, ProfileOptions.Default), files, 2.5);
        var (culprit, other) = (Incident("aaaa"), Incident("bbbb"));

        var attached = IncidentProfiles.Attach([culprit, other], new Dictionary<string, IncidentProfile>
        {
            ["aaaa"] = IncidentProfiles.Of(report),
        });

        var profile = attached[0].Profile!;
        Assert.Equal(report.Diff.Findings[0].Summary, profile.Findings[0]);
        Assert.Contains("in repr ← features.memoize_key", profile.Findings[0], StringComparison.Ordinal);
        Assert.Equal("/h/p/flamegraph.html", profile.FlameGraphHtml);
        Assert.Null(profile.Error);
        Assert.Null(attached[1].Profile);
        Assert.Equal(culprit.Id, attached[0].Id);
    }

    private static Incident Incident(string sha) => new()
    {
        CreatedAt = DateTimeOffset.UnixEpoch, Workflow = "wf", Repository = "/r", Metric = "ttfb",
        Culprit = new CulpritCommit(sha, "a", "a@b", "s", null), Range = new RevisionRange("g", "b"),
        Change = new ChangeEstimate(10, [5, 15], 50, [25, 75]),
        Evidence = [new IncidentEvidence(EvidenceRole.Confirmation, "ab-1", Verdict.Regression, "r")],
    };
}
