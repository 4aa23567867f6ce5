using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;
using AiLab.Notifications.Sinks;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Sinks;

public sealed class GitHubIssueSinkTests : IDisposable
{
    private const string Token = "ghp_test_0123456789";
    private readonly GitHubEmulator _github = new GitHubEmulator("acme", "trainer", Token).Start();

    public void Dispose() => _github.Dispose();

    [Fact]
    public async Task DeliverAsync_NoIssueYet_CreatesOneWithLabelsMarkerAndEvidence()
    {
        var incident = Incidents.Sample();

        var outcome = await Sink(labels: ["ailab-incident", "perf"]).DeliverAsync(incident, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        var issue = Assert.Single(_github.Issues);
        Assert.Equal($"{_github.BaseUri}acme/trainer/issues/1", outcome.Reference);
        Assert.Contains(incident.Id, (string?)issue["title"], StringComparison.Ordinal);
        var body = (string)issue["body"]!;
        Assert.Contains(IncidentMarkdown.Marker(incident.Id), body, StringComparison.Ordinal);
        Assert.Contains(incident.Culprit.Sha, body, StringComparison.Ordinal);
        Assert.Contains("ab-20261123-0931-3c4d", body, StringComparison.Ordinal);
        Assert.Contains("1 file changed", body, StringComparison.Ordinal);
        Assert.Equal(["ailab-incident", "perf"], issue["labels"]!.AsArray().Select(l => (string?)l!["name"]));

        // Octokit went through the Enterprise prefix, authenticated, and looked for an earlier issue by the first label first.
        Assert.Equal(["GET", "POST"], _github.Requests.Select(r => r.Method));
        Assert.All(_github.Requests, r => Assert.StartsWith("/api/v3/repos/acme/trainer/issues", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Equal(("ailab-incident", "all"), (_github.Requests[0].Query("labels"), _github.Requests[0].Query("state")));
    }

    [Fact]
    public async Task DeliverAsync_IssueAlreadyFiled_ReturnsItWithoutFilingAnother()
    {
        var incident = Incidents.Sample();
        var sink = Sink();
        await sink.DeliverAsync(incident, CancellationToken.None);

        var again = await sink.DeliverAsync(incident, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal($"{_github.BaseUri}acme/trainer/issues/1", again.Reference);
        Assert.Single(_github.Issues);
        Assert.Single(_github.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task DeliverAsync_ClosedIssueWithTheIdInItsTitleOnly_CountsAsFiled()
    {
        var incident = Incidents.Sample();
        // A person rewrote the body (the marker is gone) and closed the issue: the id in the title still identifies it.
        _github.Seed($"Known: {incident.Title()}", "we are on it", "ailab-incident");

        var outcome = await Sink().DeliverAsync(incident, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Single(_github.Issues);
    }

    [Fact]
    public async Task DeliverAsync_OtherIncidentsIssues_DoNotCountAsThisOne()
    {
        var other = Incidents.Sample(sha: "ffff2b9a0d4e5f60718293a4b5c6d7e8f9012345");
        await Sink().DeliverAsync(other, CancellationToken.None);

        var outcome = await Sink().DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, _github.Issues.Count);
    }

    [Fact]
    public async Task DeliverAsync_TokenVariableUnset_FailsPermanentlyWithoutCallingTheApi()
    {
        var sink = new GitHubIssueSink(Config(), _ => null);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.IsPermanent);
        Assert.Contains("AILAB_TEST_GH_TOKEN", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task DeliverAsync_WrongToken_FailsPermanentlyWith401()
    {
        var sink = new GitHubIssueSink(Config(), _ => "wrong");

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.IsPermanent);
        Assert.Contains("401", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(_github.Issues);
    }

    [Fact]
    public async Task DeliverAsync_GitHubAnswers503_FailsTransiently()
    {
        _github.FailWith = 503;

        var outcome = await Sink().DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsPermanent);
        Assert.Contains("503", outcome.Error, StringComparison.Ordinal);
    }

    private GitHubIssueSink Sink(IReadOnlyList<string>? labels = null) =>
        new(Config(labels), name => name == "AILAB_TEST_GH_TOKEN" ? Token : null);

    private GitHubSinkConfig Config(IReadOnlyList<string>? labels = null) =>
        new("gh", _github.BaseUri, "acme", "trainer", "AILAB_TEST_GH_TOKEN", labels ?? GitHubSinkConfig.DefaultLabels);
}
