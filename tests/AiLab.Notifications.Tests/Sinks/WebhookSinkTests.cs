using System.Text.Json.Nodes;
using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Sinks;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Sinks;

public sealed class WebhookSinkTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task DeliverAsync_ReceiverAnswers200_PostsTheIncidentJsonWithIdempotencyKey()
    {
        using var server = new LoopbackHttpServer(_ => CannedResponse.Ok()).Start();
        var sink = Sink(new Uri(server.BaseUri, "hooks/ailab"), new Dictionary<string, string> { ["X-Team"] = "perf" });
        var incident = Incidents.Sample();

        var outcome = await sink.DeliverAsync(incident, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/hooks/ailab"), (request.Method, request.Path));
        Assert.Equal(incident.Id, request.Headers["Idempotency-Key"]);
        Assert.Equal("perf", request.Headers["X-Team"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var json = JsonNode.Parse(request.Body)!;
        Assert.Equal(incident.Id, (string?)json["incident_id"]);
        Assert.Equal(incident.Culprit.Sha, (string?)json["culprit"]!["commit"]);
        Assert.Equal("ada@example.com", (string?)json["culprit"]!["author_email"]);
        Assert.Equal("config_validation", (string?)json["phase"]);
        Assert.Equal(8.1, (double)json["change_pct"]!);
        Assert.Equal([90.25, null], json["ci_ms"]!.AsArray().Select(v => (double?)v));
        Assert.Equal(["original", "confirmation"], json["evidence"]!.AsArray().Select(e => (string?)e!["role"]));
        Assert.Equal("regression", (string?)json["evidence"]![1]!["verdict"]);
    }

    [Fact]
    public async Task DeliverAsync_Receiver503_IsATransientFailureWithStatusAndBody()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(503, "maintenance until 10:00", "text/plain")).Start();

        var outcome = await Sink(server.BaseUri).DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsPermanent);
        Assert.Contains("503", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("maintenance until 10:00", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_Receiver400_IsAPermanentFailureWithALongBodyCut()
    {
        var body = "bad payload: " + new string('x', 5000);
        using var server = new LoopbackHttpServer(_ => new CannedResponse(400, body, "text/plain")).Start();

        var outcome = await Sink(server.BaseUri).DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.IsPermanent);
        Assert.Contains("400", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("bad payload", outcome.Error, StringComparison.Ordinal);
        Assert.True(outcome.Error!.Length < 600, outcome.Error.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task DeliverAsync_NothingListening_IsATransientFailureNamingTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hook");

        var outcome = await Sink(url).DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsPermanent);
        Assert.Contains(url.ToString(), outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverTooSlow_TimesOutAsATransientFailure()
    {
        using var server = new LoopbackHttpServer(_ =>
        {
            Thread.Sleep(1500);
            return CannedResponse.Ok();
        }).Start();
        var sink = new WebhookSink(new WebhookSinkConfig("hook", server.BaseUri, new Dictionary<string, string>(), TimeSpan.FromMilliseconds(200)), _http);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not answer", outcome.Error, StringComparison.Ordinal);
    }

    private WebhookSink Sink(Uri url, Dictionary<string, string>? headers = null) =>
        new(new WebhookSinkConfig("hook", url, headers ?? [], TimeSpan.FromSeconds(5)), _http);
}
