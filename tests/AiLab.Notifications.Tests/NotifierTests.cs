using AiLab.Core.Incidents;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests;

public sealed class NotifierTests : IDisposable
{
    private static readonly NotifierOptions Fast = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5) };
    private readonly NotificationLab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task DeliverPendingAsync_SinkDownForTheFirstIncident_SkipsItsOthersButKeepsThemPending()
    {
        var down = new ScriptedSink("down", (_, _) => DeliveryOutcome.Transient("connection refused"));
        var up = new ScriptedSink("up", (_, _) => DeliveryOutcome.Delivered("ok"));
        var a = _lab.Store.Record(Incidents.Sample(sha: "aa")).Incident;
        var b = _lab.Store.Record(Incidents.Sample(sha: "bb")).Incident;

        var report = await new Notifier(_lab.Store, [down, up], Fast).DeliverPendingAsync();

        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Skipped], report.Sinks[0].Results.Select(r => r.Status));
        Assert.Equal(3, down.Calls);
        Assert.Equal([a.Id, b.Id], up.Delivered);
        Assert.Equal(2, report.Sinks[0].StillPending);
        Assert.Equal([a.Id, b.Id], _lab.Store.ListPending(["down", "up"]).Select(p => p.Incident.Id));
    }

    [Fact]
    public async Task DeliverPendingAsync_PermanentFailure_IsNotRetriedAndDoesNotStopTheSink()
    {
        var sink = new ScriptedSink("s", (incident, _) => incident.Culprit.Sha == "aa"
            ? DeliveryOutcome.Permanent("422 rejected")
            : DeliveryOutcome.Delivered("ok"));
        var a = _lab.Store.Record(Incidents.Sample(sha: "aa")).Incident;
        _lab.Store.Record(Incidents.Sample(sha: "bb"));

        var report = await new Notifier(_lab.Store, [sink], Fast).DeliverPendingAsync();

        Assert.Equal([(DeliveryStatus.Failed, 1), (DeliveryStatus.Delivered, 1)], report.Sinks[0].Results.Select(r => (r.Status, r.Attempts)));
        Assert.Equal("422 rejected", _lab.Store.GetAttempts(a.Id).Single().Error);
    }

    [Fact]
    public async Task DeliverPendingAsync_SinkThrows_RecordsTheFailureAndOtherSinksStillDeliver()
    {
        var buggy = new ScriptedSink("buggy", (_, _) => throw new InvalidOperationException("sink bug"));
        var good = new ScriptedSink("good", (_, _) => DeliveryOutcome.Delivered("ok"));
        var incident = _lab.Store.Record(Incidents.Sample()).Incident;

        var report = await new Notifier(_lab.Store, [buggy, good], Fast).DeliverPendingAsync();

        Assert.Equal(DeliveryStatus.Failed, report.Sinks[0].Results[0].Status);
        Assert.Contains("sink bug", report.Sinks[0].Results[0].Error, StringComparison.Ordinal);
        Assert.Equal([incident.Id], good.Delivered);
    }

    [Fact]
    public async Task DeliverPendingAsync_ClosedIncidentsAndOthersThanAsked_AreLeftAlone()
    {
        var sink = new ScriptedSink("s", (_, _) => DeliveryOutcome.Delivered("ok"));
        var resolved = _lab.Store.Record(Incidents.Sample(sha: "aa")).Incident;
        var wanted = _lab.Store.Record(Incidents.Sample(sha: "bb")).Incident;
        _lab.Store.Record(Incidents.Sample(sha: "cc"));
        _lab.Store.UpdateStatus(resolved.Id, IncidentStatus.Resolved);

        await new Notifier(_lab.Store, [sink], Fast).DeliverPendingAsync([wanted.Id, resolved.Id]);

        Assert.Equal([wanted.Id], sink.Delivered);
    }

    [Fact]
    public async Task DeliverPendingAsync_Cancelled_StopsAndKeepsTheAttemptsMadeSoFar()
    {
        using var cancel = new CancellationTokenSource();
        var sink = new ScriptedSink("s", (_, _) =>
        {
            cancel.Cancel();
            return DeliveryOutcome.Transient("down");
        });
        var incident = _lab.Store.Record(Incidents.Sample()).Incident;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Notifier(_lab.Store, [sink], Fast).DeliverPendingAsync(null, cancel.Token));

        Assert.Single(_lab.Store.GetAttempts(incident.Id));
        Assert.Single(_lab.Store.ListPending(["s"]));
    }

    [Fact]
    public void Constructor_TwoSinksWithOneName_Throws()
    {
        var a = new ScriptedSink("same", (_, _) => DeliveryOutcome.Delivered(null));

        var ex = Assert.Throws<ArgumentException>(() => new Notifier(_lab.Store, [a, a]));

        Assert.Contains("'same'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DelayAfter_DoublesFromTheBaseUpToTheCap()
    {
        var options = new NotifierOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(1, 5).Select(i => options.DelayAfter(i).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayAfter(200));
    }
}
