using AiLab.Core.Incidents;
using AiLab.Storage.Schema;
using AiLab.Storage.Sqlite;
using AiLab.Storage.Tests.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Incidents;

public sealed class SqliteIncidentStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp.File("lab.db");

    [Fact]
    public void Record_NewIncident_RoundTripsEveryMember()
    {
        var incident = IncidentSamples.Incident();
        using (var store = new SqliteIncidentStore(DbPath))
            Assert.True(store.Record(incident).IsNew);

        using var reopened = new SqliteIncidentStore(DbPath);
        var found = reopened.Find(incident.Id);

        Assert.NotNull(found);
        Assert.Equal(incident.Id, found.Id);
        Assert.Equal(incident.CreatedAt, found.CreatedAt);
        Assert.Equal(incident.CreatedAt.Offset, found.CreatedAt.Offset);
        Assert.Equal(incident.Culprit, found.Culprit);
        Assert.Equal(incident.Range, found.Range);
        Assert.Equal(incident.Evidence, found.Evidence);
        Assert.Equal(incident.Change.CiPct, found.Change.CiPct);
        Assert.Equal(incident.Change.CiMs, found.Change.CiMs);
        Assert.Equal(incident.Change.ChangeMs, found.Change.ChangeMs);
        Assert.Equal((incident.Workflow, incident.Repository, incident.Metric, incident.Phase, incident.TrialsUsed, incident.Status),
            (found.Workflow, found.Repository, found.Metric, found.Phase, found.TrialsUsed, found.Status));
    }

    [Fact]
    public void Record_SameAttributionTwice_KeepsTheFirstAndReportsItIsNotNew()
    {
        using var store = new SqliteIncidentStore(DbPath);
        var first = IncidentSamples.Incident();
        store.Record(first);
        // A later bisection measures a slightly different effect at a later time: same attribution, same incident.
        var again = first with { CreatedAt = first.CreatedAt.AddDays(1), Change = first.Change with { ChangePct = 9.3 }, Phase = null };

        var recorded = store.Record(again);

        Assert.False(recorded.IsNew);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.CreatedAt, recorded.Incident.CreatedAt);
        Assert.Equal(8.1, recorded.Incident.Change.ChangePct);
        Assert.Single(store.List(10));
    }

    [Fact]
    public void Id_DiffersByCommitMetricWorkflowAndRepository_ButNotByShaCase()
    {
        var a = IncidentSamples.Incident();

        Assert.NotEqual(a.Id, (a with { Metric = "phase:imports" }).Id);
        Assert.NotEqual(a.Id, (a with { Workflow = "other" }).Id);
        Assert.NotEqual(a.Id, (a with { Repository = "/srv/repos/other" }).Id);
        Assert.NotEqual(a.Id, (a with { Culprit = a.Culprit with { Sha = "0" + a.Culprit.Sha[1..] } }).Id);
        Assert.Equal(a.Id, (a with { Culprit = a.Culprit with { Sha = a.Culprit.Sha.ToUpperInvariant() } }).Id);
        Assert.Matches("^inc-[0-9a-f]{16}$", a.Id);
    }

    [Fact]
    public void Find_UniquePrefix_FindsIt_AmbiguousPrefix_Throws()
    {
        using var store = new SqliteIncidentStore(DbPath);
        var ids = Enumerable.Range(0, 40).Select(i => store.Record(IncidentSamples.Incident(sha: $"{i:x2}" + new string('a', 38))).Incident.Id).ToList();

        Assert.Equal(ids[7], store.Find(ids[7])?.Id);
        Assert.Equal(ids[7], store.Find(ids[7][..14])?.Id);
        Assert.Throws<AmbiguousIncidentIdException>(() => store.Find("inc-"));
        Assert.Null(store.Find("inc-zzzz"));
    }

    [Fact]
    public void List_ReturnsNewestFirst_UpToTheLimit()
    {
        using var store = new SqliteIncidentStore(DbPath);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Offsets that make the text order disagree with the time order.
        store.Record(IncidentSamples.Incident(sha: "aa", createdAt: t0.ToOffset(TimeSpan.FromHours(-5))));
        store.Record(IncidentSamples.Incident(sha: "bb", createdAt: t0.AddHours(1).ToOffset(TimeSpan.FromHours(9))));
        store.Record(IncidentSamples.Incident(sha: "cc", createdAt: t0.AddHours(2)));

        var listed = store.List(2);

        Assert.Equal(["cc", "bb"], listed.Select(i => i.Culprit.Sha));
    }

    [Fact]
    public void ListPending_TracksSuccessPerSink_AndCountsFailures()
    {
        using var store = new SqliteIncidentStore(DbPath);
        var incident = store.Record(IncidentSamples.Incident()).Incident;
        var at = DateTimeOffset.UtcNow;
        store.RecordAttempt(new DeliveryAttempt(incident.Id, "hook", at, false, "HTTP 503", null));
        store.RecordAttempt(new DeliveryAttempt(incident.Id, "hook", at, false, "connection refused", null));
        store.RecordAttempt(new DeliveryAttempt(incident.Id, "files", at, true, null, "/tmp/x.md"));

        var pending = store.ListPending(["hook", "files", "mail"]);

        Assert.Equal(["hook", "mail"], pending.Select(p => p.Sink));
        Assert.Equal((2, "connection refused"), (pending[0].FailedAttempts, pending[0].LastError));
        Assert.Equal((0, (string?)null), (pending[1].FailedAttempts, pending[1].LastError));

        store.RecordAttempt(new DeliveryAttempt(incident.Id, "hook", at, true, null, "HTTP 200"));
        Assert.Equal(["mail"], store.ListPending(["hook", "files", "mail"]).Select(p => p.Sink));
        Assert.Equal(4, store.GetAttempts(incident.Id).Count);
        Assert.Equal("HTTP 200", store.GetAttempts(incident.Id)[^1].Reference);
    }

    [Fact]
    public void ListPending_ClosedIncidents_AreNotPending()
    {
        using var store = new SqliteIncidentStore(DbPath);
        var resolved = store.Record(IncidentSamples.Incident(sha: "aa")).Incident;
        var open = store.Record(IncidentSamples.Incident(sha: "bb")).Incident;

        store.UpdateStatus(resolved.Id, IncidentStatus.Resolved);

        Assert.Equal([open.Id], store.ListPending(["hook"]).Select(p => p.Incident.Id));
        Assert.Equal(IncidentStatus.Resolved, store.Find(resolved.Id)?.Status);
        Assert.Throws<InvalidOperationException>(() => store.UpdateStatus("inc-missing", IncidentStatus.Resolved));
    }

    [Fact]
    public void RecordAttempt_UnknownIncident_ThrowsNamingIt()
    {
        using var store = new SqliteIncidentStore(DbPath);

        var ex = Assert.Throws<InvalidOperationException>(() =>
            store.RecordAttempt(new DeliveryAttempt("inc-nope", "hook", DateTimeOffset.UtcNow, true, null, null)));

        Assert.Contains("inc-nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SameFileAsExperiments_BothStoresWorkSideBySide()
    {
        using var experiments = new SqliteExperimentStore(DbPath);
        using var incidents = new SqliteIncidentStore(DbPath);
        experiments.Create(Samples.Experiment("ab-1"));
        incidents.Record(IncidentSamples.Incident());

        Assert.Equal("ab-1", experiments.Find("ab-1")?.Id);
        Assert.Single(incidents.List(5));
        Assert.Equal(SchemaMigrations.All.Count, experiments.SchemaVersion);
    }

    [Fact]
    public void Open_DatabaseWithOnlyExperiments_UpgradesAndKeepsThem()
    {
        using (var old = new SqliteExperimentStore(DbPath, [SchemaMigrations.All[0]]))
            OldSchemaRows.InsertExperiment(DbPath, Samples.Experiment("ab-old"));

        using var incidents = new SqliteIncidentStore(DbPath);
        incidents.Record(IncidentSamples.Incident());
        using var experiments = new SqliteExperimentStore(DbPath);

        Assert.Equal("ab-old", experiments.Find("ab-old")?.Id);
        Assert.Single(incidents.List(5));
    }

    [Fact]
    public void Record_ConcurrentlyFromTwoConnections_StoresOnce()
    {
        using var a = new SqliteIncidentStore(DbPath);
        using var b = new SqliteIncidentStore(DbPath);
        var incident = IncidentSamples.Incident();

        var results = new[] { a, b, a, b }.AsParallel().Select(s => s.Record(incident)).ToList();

        Assert.Single(results, r => r.IsNew);
        Assert.Equal(1L, Count("SELECT count(*) FROM incidents;"));
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
