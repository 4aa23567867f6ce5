using AiLab.Core.Incidents;
using AiLab.Storage.Tests.Incidents;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The incident store (one engine-neutral class, <c>Shared/IncidentStore</c>) on every engine: prefixes,
/// order, pending deliveries, unknown incidents and concurrent records.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Incidents_FindUniquePrefix_FindsItAndAnAmbiguousPrefixThrows()
    {
        var store = _stores.Incidents;
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var recorded = await store.RecordAsync(IncidentSamples.Incident(sha: $"{i:x2}" + new string('a', 38)));
            ids.Add(recorded.Incident.Id);
        }

        Assert.Equal(ids[7], (await store.FindAsync(ids[7]))?.Id);
        Assert.Equal(ids[7], (await store.FindAsync(ids[7][..14]))?.Id);
        await Assert.ThrowsAsync<AmbiguousIncidentIdException>(() => store.FindAsync("inc-"));
        Assert.Null(await store.FindAsync("inc-zzzz"));
    }

    [Fact]
    public async Task Incidents_List_IsNewestFirstByTheInstantUpToTheLimit()
    {
        var store = _stores.Incidents;
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Offsets that make the text order disagree with the time order.
        await store.RecordAsync(IncidentSamples.Incident(sha: "aa", createdAt: t0.ToOffset(TimeSpan.FromHours(-5))));
        await store.RecordAsync(
            IncidentSamples.Incident(sha: "bb", createdAt: t0.AddHours(1).ToOffset(TimeSpan.FromHours(9))));
        await store.RecordAsync(IncidentSamples.Incident(sha: "cc", createdAt: t0.AddHours(2)));

        var listed = await store.ListAsync(2);

        Assert.Equal(["cc", "bb"], listed.Select(i => i.Culprit.Sha));
    }

    [Fact]
    public async Task Incidents_ListPending_TracksSuccessPerSinkCountsFailuresAndSkipsClosedIncidents()
    {
        var store = _stores.Incidents;
        var incident = (await store.RecordAsync(IncidentSamples.Incident())).Incident;
        var resolved = (await store.RecordAsync(IncidentSamples.Incident(sha: "bb"))).Incident;
        await store.UpdateStatusAsync(resolved.Id, IncidentStatus.Resolved);
        await store.RecordAttemptAsync(new DeliveryAttempt(incident.Id, "hook", Now, false, "HTTP 503", null));
        await store.RecordAttemptAsync(
            new DeliveryAttempt(incident.Id, "hook", Now, false, "connection refused", null));
        await store.RecordAttemptAsync(new DeliveryAttempt(incident.Id, "files", Now, true, null, "/tmp/x.md"));

        var pending = await store.ListPendingAsync(["hook", "files", "mail"]);

        Assert.Equal([(incident.Id, "hook", 2, "connection refused"), (incident.Id, "mail", 0, (string?)null)],
            pending.Select(p => (p.Incident.Id, p.Sink, p.FailedAttempts, p.LastError)));
        await store.RecordAttemptAsync(new DeliveryAttempt(incident.Id, "hook", Now, true, null, "HTTP 200"));
        Assert.Equal(["mail"], (await store.ListPendingAsync(["hook", "files", "mail"])).Select(p => p.Sink));
        var attempts = await store.GetAttemptsAsync(incident.Id);
        Assert.Equal(4, attempts.Count);
        Assert.Equal(("HTTP 200", true), (attempts[^1].Reference, attempts[^1].Succeeded));
        Assert.Equal(Now, attempts[0].At);
    }

    [Fact]
    public async Task Incidents_RecordAttemptForAnUnknownIncident_ThrowsNamingItAndStoresNothing()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _stores.Incidents.RecordAttemptAsync(
            new DeliveryAttempt("inc-nope", "hook", Now, true, null, null)));

        Assert.Contains("inc-nope", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _stores.Incidents.GetAttemptsAsync("inc-nope"));
    }

    [Fact]
    public async Task Incidents_RecordConcurrentlyFromTwoOpens_StoresOnce()
    {
        using var other = _backend.Open();
        var incident = IncidentSamples.Incident();
        IIncidentStore[] opens = [_stores.Incidents, other.Incidents, _stores.Incidents, other.Incidents];

        var results = await Task.WhenAll(opens.Select(s => Task.Run(() => s.RecordAsync(incident))));

        Assert.Single(results, r => r.IsNew);
        Assert.Single(await other.Incidents.ListAsync(10));
    }
}
