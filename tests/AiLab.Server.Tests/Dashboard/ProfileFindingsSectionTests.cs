using AiLab.Core.Experiments;
using AiLab.Server.Dashboard;
using AiLab.Testing;

namespace AiLab.Server.Tests.Dashboard;

/// <summary>The experiment page's "Profile findings" section, rendered from the profile the experiment keeps.</summary>
public sealed class ProfileFindingsSectionTests
{
    [Fact]
    public void Render_ExperimentWithAProfile_ListsTheFindingsEscapedAndThePathsOfTheFiles()
    {
        var profile = new ExperimentProfile(
            [new ExperimentProfileFinding("+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key (<5> calls)",
                ["repr", "features.memoize_key"], "preprocessing", 96.1, 22.3)],
            "/h/p/ab-1", "/h/p/ab-1/flamegraph.html", "/h/p/ab-1/diff.json", "/h/p/ab-1/profiles.speedscope.json", 1.5);

        var page = ExperimentPage.Render(Samples.Experiment("ab-1") with { Profile = profile }, []);

        Assert.Contains("<h2>Profile findings</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<li>+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key (&lt;5&gt; calls)</li>", page,
            StringComparison.Ordinal);
        Assert.Contains("<code>/h/p/ab-1/flamegraph.html</code>", page, StringComparison.Ordinal);
        Assert.Contains("+1.5%", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExperimentWithoutOrWithAFailedProfile_NoSectionOrWhyThereIsNone()
    {
        var plain = ExperimentPage.Render(Samples.Experiment("ab-1"), []);
        var failed = ExperimentPage.Render(Samples.Experiment("ab-1") with
        {
            Profile = new ExperimentProfile([], null, null, null, null, null,
                "variant B has 1 readable profiled trials"),
        }, []);

        Assert.DoesNotContain("Profile findings", plain, StringComparison.Ordinal);
        Assert.Contains("No profile: variant B has 1 readable profiled trials", failed, StringComparison.Ordinal);
    }
}
