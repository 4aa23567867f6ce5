using System.Diagnostics;
using AiLab.Core.Incidents;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Scenarios;

/// <summary>The acceptance scenarios: a sink that is down when the incident is recorded receives it once it is back,
/// and running again never files a duplicate.</summary>
public sealed class SinkRecoveryTests : IDisposable
{
    private readonly NotificationLab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task Notify_WebhookNotListeningWhenRecorded_DeliversOnceItListens_AndNeverAgain()
    {
        var port = FreePort.Next();
        var service = _lab.Service($$"""
              attempts: 2
              backoff: 10ms
              sinks:
                - {type: webhook, url: "http://127.0.0.1:{{port}}/hook"}
            """);
        var incident = Incidents.Sample();

        var first = await service.RecordAndNotifyAsync([incident]);

        Assert.True(first.Recorded[0].IsNew);
        var failed = Assert.Single(first.Notifications.Sinks[0].Results);
        Assert.Equal((DeliveryStatus.Failed, 2), (failed.Status, failed.Attempts));
        Assert.Single(_lab.Store.ListPending(["webhook"]));

        using var receiver = new LoopbackHttpServer(_ => CannedResponse.Ok(), port).Start();
        var second = await service.Notifier.DeliverPendingAsync();
        var third = await service.RecordAndNotifyAsync([incident]); // the next bisection attributes the same commit

        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(second.Sinks[0].Results).Status);
        Assert.False(third.Recorded[0].IsNew);
        Assert.Empty(third.Notifications.Sinks[0].Results);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(incident.Id, request.Headers["Idempotency-Key"]);
        Assert.Empty(_lab.Store.ListPending(["webhook"]));
        Assert.Equal([false, false, true], _lab.Store.GetAttempts(incident.Id).Select(a => a.Succeeded));
    }

    [Fact]
    public async Task Notify_Webhook503Twice_RetriesWithBackoffAndDeliversInTheSameRun()
    {
        var calls = 0;
        using var receiver = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) <= 2
            ? new CannedResponse(503, "warming up", "text/plain")
            : CannedResponse.Ok()).Start();
        var service = _lab.Service($$"""
              attempts: 4
              backoff: 100ms
              sinks: [{type: webhook, url: "{{receiver.BaseUri}}"}]
            """);
        var incident = Incidents.Sample();

        var clock = Stopwatch.StartNew();
        var report = await service.RecordAndNotifyAsync([incident]);
        clock.Stop();

        var result = Assert.Single(report.Notifications.Sinks[0].Results);
        Assert.Equal((DeliveryStatus.Delivered, 3), (result.Status, result.Attempts));
        Assert.True(clock.ElapsedMilliseconds >= 300, $"backoff 100 ms then 200 ms, but the run took {clock.ElapsedMilliseconds} ms");
        var attempts = _lab.Store.GetAttempts(incident.Id);
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
        Assert.All(attempts.Take(2), a => Assert.Contains("503", a.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_GitHubDownThenBack_FilesOneIssue_EvenAfterTheDeliveryRecordsAreLost()
    {
        using var github = new GitHubEmulator("acme", "trainer", "ghp_lab_token") { FailWith = 503 }.Start();
        var yaml = $$"""
              attempts: 2
              backoff: 10ms
              sinks:
                - type: github
                  repository: acme/trainer
                  api_url: {{github.BaseUri}}
                  token_env: AILAB_TEST_GH_TOKEN
            """;
        var incident = Incidents.Sample();

        var down = await _lab.Service(yaml).RecordAndNotifyAsync([incident]);
        github.FailWith = null;
        var back = await _lab.Service(yaml).Notifier.DeliverPendingAsync();
        _lab.LoseTheDatabase();
        var afterLoss = await _lab.Service(yaml).RecordAndNotifyAsync([incident]);

        Assert.Equal(DeliveryStatus.Failed, down.Notifications.Sinks[0].Results[0].Status);
        Assert.Equal(DeliveryStatus.Delivered, back.Sinks[0].Results[0].Status);
        Assert.True(afterLoss.Recorded[0].IsNew); // the lab forgot everything...
        Assert.Equal(DeliveryStatus.Delivered, afterLoss.Notifications.Sinks[0].Results[0].Status);
        Assert.Single(github.Issues); // ...and GitHub still has exactly one issue
        Assert.Single(github.Requests, r => r.Method == "POST");
        Assert.Equal(back.Sinks[0].Results[0].Reference, afterLoss.Notifications.Sinks[0].Results[0].Reference);
    }

    [Fact]
    public async Task Notify_SmtpServerNotRunningWhenRecorded_MailsOnceItRuns_AndNeverAgain()
    {
        var port = FreePort.Next();
        var service = _lab.Service($$"""
              attempts: 2
              backoff: 10ms
              sinks:
                - {type: smtp, host: 127.0.0.1, port: {{port}}, tls: none, from: ailab@example.com, to: [perf@example.com]}
            """);
        var incident = Incidents.Sample();

        var down = await service.RecordAndNotifyAsync([incident]);
        using var smtp = await new SmtpServer(Path.Combine(_lab.Directory, "maildir"), port).StartAsync();
        var up = await service.Notifier.DeliverPendingAsync();
        var again = await service.Notifier.DeliverPendingAsync();

        Assert.Equal(DeliveryStatus.Failed, down.Notifications.Sinks[0].Results[0].Status);
        Assert.Equal(DeliveryStatus.Delivered, up.Sinks[0].Results[0].Status);
        Assert.Empty(again.Sinks[0].Results);
        Assert.Equal(incident.Id, Assert.Single(smtp.Messages()).Headers["X-AiLab-Incident"]);
    }

    [Fact]
    public async Task Notify_EverySinkDown_KeepsTheIncidentStoredAndPendingAtEachSink()
    {
        using var github = new GitHubEmulator("acme", "trainer", "ghp_lab_token") { FailWith = 502 }.Start();
        var blocked = Path.Combine(_lab.Directory, "not-a-dir");
        await File.WriteAllTextAsync(blocked, "a file where the directory should be");
        var service = _lab.Service($$"""
              attempts: 2
              backoff: 10ms
              sinks:
                - {type: webhook, url: "http://127.0.0.1:{{FreePort.Next()}}/"}
                - {type: github, repository: acme/trainer, api_url: "{{github.BaseUri}}", token_env: AILAB_TEST_GH_TOKEN}
                - {type: smtp, host: 127.0.0.1, port: {{FreePort.Next()}}, tls: none, from: a@example.com, to_author: true}
                - {type: markdown, directory: not-a-dir}
            """);
        var incident = Incidents.Sample();

        var report = await service.RecordAndNotifyAsync([incident]);

        Assert.False(report.Notifications.AllDelivered);
        Assert.Equal(["webhook", "github", "smtp", "markdown"], report.Notifications.Sinks.Select(s => s.Sink));
        Assert.All(report.Notifications.Sinks, s => Assert.Equal(DeliveryStatus.Failed, Assert.Single(s.Results).Status));
        Assert.All(report.Notifications.Sinks, s => Assert.False(string.IsNullOrEmpty(s.Results[0].Error)));
        Assert.Equal(incident.Id, _lab.Store.Find(incident.Id)?.Id);
        Assert.Equal(4, _lab.Store.ListPending(["webhook", "github", "smtp", "markdown"]).Count);
        Assert.Equal(8, _lab.Store.GetAttempts(incident.Id).Count);
        Assert.Equal(IncidentStatus.Open, _lab.Store.Find(incident.Id)?.Status);
    }
}
