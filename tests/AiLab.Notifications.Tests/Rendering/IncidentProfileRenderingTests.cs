using AiLab.Core.Incidents;
using AiLab.Notifications.Rendering;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Rendering;

/// <summary>The culprit's profile in the incident's Markdown (issue body, e-mail, <c>incidents show</c>) and
/// JSON.</summary>
public sealed class IncidentProfileRenderingTests
{
    private static readonly IncidentProfile Profile = new(
        ["+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key ← features.build_features (6 calls)"],
        "/h/profiles/ab-1", "/h/profiles/ab-1/flamegraph.html", "/h/profiles/ab-1/diff.json",
        "/h/profiles/ab-1/profiles.speedscope.json");

    [Fact]
    public void Body_WithProfile_NamesTheTopFindingAndLinksTheFiles()
    {
        var body = IncidentMarkdown.Body(Incidents.Sample() with { Profile = Profile });

        Assert.Contains("### Profile (culprit against its parent)", body, StringComparison.Ordinal);
        Assert.Contains("- +96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key", body, StringComparison.Ordinal);
        Assert.Contains("- flame graph: `/h/profiles/ab-1/flamegraph.html`", body, StringComparison.Ordinal);
        Assert.Contains("- speedscope: `/h/profiles/ab-1/profiles.speedscope.json`", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("### Profile", StringComparison.Ordinal) <
                    body.IndexOf(IncidentMarkdown.Marker(Incidents.Sample().Id), StringComparison.Ordinal));
    }

    [Fact]
    public void Body_ProfileFailedOrNoFinding_SaysSo()
    {
        var failed = IncidentMarkdown.Body(Incidents.Sample() with { Profile = new IncidentProfile([], null, null,
            null, null, "variant B has 1 readable profiled trials") });
        var quiet = IncidentMarkdown.Body(Incidents.Sample() with { Profile = Profile with { Findings = [] } });

        Assert.Contains("- no profile: variant B has 1 readable profiled trials", failed, StringComparison.Ordinal);
        Assert.Contains("- no change above noise in the profiles", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("### Profile", IncidentMarkdown.Body(Incidents.Sample()), StringComparison.Ordinal);
    }

    [Fact]
    public void ToNode_WithProfile_CarriesFindingsAndFilesWithoutItNoKey()
    {
        var node = IncidentJson.ToNode(Incidents.Sample() with { Profile = Profile });

        Assert.Equal(Profile.Findings[0], node["profile"]!["findings"]![0]!.GetValue<string>());
        Assert.Equal(Profile.FlameGraphHtml, node["profile"]!["flamegraph_html"]!.GetValue<string>());
        Assert.False(IncidentJson.ToNode(Incidents.Sample()).ContainsKey("profile"));
    }
}
