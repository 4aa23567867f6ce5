using AiLab.Core.Incidents;
using AiLab.Storage.Schema;
using AiLab.Storage.Sqlite;
using AiLab.Storage.Tests.Sqlite;

namespace AiLab.Storage.Tests.Incidents;

/// <summary>Incidents in an SQLite file beside the experiments: reopened, upgraded from a file with experiments only.
/// What every engine must do is in the contract suite (<c>StoreContractTests.Incidents</c>).</summary>
public sealed class IncidentsInSqliteFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp.File("lab.db");

    [Fact]
    public void Record_NewIncident_RoundTripsEveryMember()
    {
        var incident = IncidentSamples.Incident();
        using (var stores = Open())
            Assert.True(stores.Incidents.Record(incident).IsNew);

        using var reopened = Open();
        var found = reopened.Incidents.Find(incident.Id);

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
        Assert.Equal(
            (incident.Workflow, incident.Repository, incident.Metric, incident.Phase, incident.TrialsUsed,
                incident.Status),
            (found.Workflow, found.Repository, found.Metric, found.Phase, found.TrialsUsed, found.Status));
    }

    [Fact]
    public void Record_SameAttributionTwice_KeepsTheFirstAndReportsItIsNotNew()
    {
        using var stores = Open();
        var store = stores.Incidents;
        var first = IncidentSamples.Incident();
        store.Record(first);
        // A later bisection measures a slightly different effect at a later time: same attribution, same incident.
        var again = first with
        {
            CreatedAt = first.CreatedAt.AddDays(1), Change = first.Change with { ChangePct = 9.3 }, Phase = null,
        };

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
    public void Open_SameFileAsExperiments_BothStoresWorkSideBySide()
    {
        using var experiments = new SqliteExperimentStore(DbPath);
        using var stores = Open();
        experiments.Create(Samples.Experiment("ab-1"));
        stores.Incidents.Record(IncidentSamples.Incident());

        Assert.Equal("ab-1", experiments.Find("ab-1")?.Id);
        Assert.Single(stores.Incidents.List(5));
        Assert.Equal(SchemaMigrations.All.Count, experiments.SchemaVersion);
    }

    [Fact]
    public void Open_DatabaseWithOnlyExperiments_UpgradesAndKeepsThem()
    {
        using (var old = new SqliteExperimentStore(DbPath, [SchemaMigrations.All[0]]))
            OldSchemaRows.InsertExperiment(DbPath, Samples.Experiment("ab-old"));

        using var stores = Open();
        stores.Incidents.Record(IncidentSamples.Incident());
        using var experiments = new SqliteExperimentStore(DbPath);

        Assert.Equal("ab-old", experiments.Find("ab-old")?.Id);
        Assert.Single(stores.Incidents.List(5));
    }

    private LabStores Open() => StoreFactory.Open("sqlite:" + DbPath);
}
