using AiLab.Core.Calibrations;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Incidents;
using AiLab.Core.Outputs;
using AiLab.Core.Workflows;
using AiLab.Storage.Schema;
using AiLab.Storage.Tests.Incidents;

namespace AiLab.Storage.Tests.Contract;

/// <summary>Leases, calibrations, incidents, output comparisons and the schema, for every engine.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAcquire_FreeHeldOrTakenOver_KeepsOneHolderAtATime()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));
        var leases = _stores.Leases;

        Assert.Null(await leases.TryAcquireAsync(Lease("t1", pid: 10), _ => false));
        Assert.Equal(10, (await leases.TryAcquireAsync(Lease("t2", pid: 20), _ => false))?.Holder.Pid);
        Assert.Equal("t1", (await leases.GetLeaseAsync("ab-1"))?.Token);
        Assert.Null(await leases.TryAcquireAsync(Lease("t2", pid: 20), current => current.Holder.Pid == 10));

        Assert.Equal(Lease("t2", pid: 20), await leases.GetLeaseAsync("ab-1"));
        Assert.False(await leases.RenewAsync("ab-1", "t1", Now.AddSeconds(10), Now.AddSeconds(70)));
        Assert.True(await leases.RenewAsync("ab-1", "t2", Now.AddSeconds(10), Now.AddSeconds(70)));
        Assert.Equal(Now.AddSeconds(70), (await leases.GetLeaseAsync("ab-1"))?.ExpiresAt);
        await leases.ReleaseAsync("ab-1", "t1");
        Assert.NotNull(await leases.GetLeaseAsync("ab-1"));
        await leases.ReleaseAsync("ab-1", "t2");
        Assert.Null(await leases.GetLeaseAsync("ab-1"));
    }

    [Fact]
    public async Task TryAcquire_ManyContendersAtOnce_ExactlyOneWins()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => _stores.Leases.TryAcquireAsync(Lease($"t{i}", pid: 100 + i), _ => false))));

        Assert.Equal(1, results.Count(r => r is null));
        var winner = await _stores.Leases.GetLeaseAsync("ab-1");
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(winner?.Token, r!.Token));
    }

    [Fact]
    public async Task TryAcquire_UnknownExperiment_ThrowsInvalidOperation() =>
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _stores.Leases.TryAcquireAsync(Lease("t1", pid: 1), _ => true));

    [Fact]
    public async Task Calibrations_AddThenLatestFindList()
    {
        var calibrations = _stores.Calibrations;
        await calibrations.AddAsync(Calibration("cal-1", "wf", Now));
        await calibrations.AddAsync(Calibration("cal-2", "wf", Now.AddHours(1)));
        await calibrations.AddAsync(Calibration("cal-3", "other", Now.AddHours(2)));

        Assert.Equal("cal-2", (await calibrations.LatestAsync("wf"))?.Id);
        Assert.Null(await calibrations.LatestAsync("none"));
        Assert.Equal("cal-3", (await calibrations.FindAsync("cal-3"))?.Id);
        await Assert.ThrowsAsync<AiLab.Core.Experiments.AmbiguousIdException>(() => calibrations.FindAsync("cal-"));
        Assert.Equal(["cal-3", "cal-2"], (await calibrations.ListAsync(2)).Select(c => c.Id));
    }

    [Fact]
    public async Task Incidents_RecordTwice_KeepsTheFirstAndItsStatus()
    {
        var incidents = _stores.Incidents;
        var incident = IncidentSamples.Incident();

        Assert.True((await incidents.RecordAsync(incident)).IsNew);
        await incidents.UpdateStatusAsync(incident.Id, IncidentStatus.Resolved);
        var again = await incidents.RecordAsync(incident with { CreatedAt = Now });

        Assert.False(again.IsNew);
        Assert.Equal(IncidentStatus.Resolved, again.Incident.Status);
        Assert.Equal(incident.CreatedAt, again.Incident.CreatedAt);
        Assert.Equal(incident.Id, Assert.Single(await incidents.ListAsync(10)).Id);
        Assert.Equal(incident.Id, (await incidents.FindAsync(incident.Id[..6]))?.Id);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => incidents.UpdateStatusAsync("missing", IncidentStatus.Open));
    }

    [Fact]
    public async Task Incidents_WithAProfile_ReadBackWithItsFindingsAndFiles()
    {
        var profile = new IncidentProfile(["+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key"],
            "/home/u/.ailab/profiles/ab-1", "/home/u/.ailab/profiles/ab-1/flamegraph.html",
            "/home/u/.ailab/profiles/ab-1/diff.json", "/home/u/.ailab/profiles/ab-1/profiles.speedscope.json");
        var incident = IncidentSamples.Incident() with { Profile = profile };

        await _stores.Incidents.RecordAsync(incident);
        var read = (await _stores.Incidents.FindAsync(incident.Id))!.Profile!;

        Assert.Equal(profile.Findings, read.Findings);
        Assert.Equal(profile with { Findings = read.Findings }, read);
        Assert.Null((await _stores.Incidents.RecordAsync(IncidentSamples.Incident("ab12cd"))).Incident.Profile);
    }

    [Fact]
    public async Task Incidents_Attempts_KeepTheirOrderAndDecideWhatIsPending()
    {
        var incidents = _stores.Incidents;
        var first = IncidentSamples.Incident(createdAt: Now);
        var second = IncidentSamples.Incident(sha: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", createdAt: Now.AddMinutes(1));
        await incidents.RecordAsync(first);
        await incidents.RecordAsync(second);
        await incidents.RecordAttemptAsync(new DeliveryAttempt(first.Id, "hook", Now, false, "503", null));
        await incidents.RecordAttemptAsync(new DeliveryAttempt(first.Id, "hook", Now.AddSeconds(1), false, "timeout", null));
        await incidents.RecordAttemptAsync(new DeliveryAttempt(first.Id, "mail", Now.AddSeconds(2), true, null, "id-1"));
        await incidents.RecordAttemptAsync(new DeliveryAttempt(second.Id, "hook", Now.AddSeconds(3), true, null, "r"));

        var attempts = await incidents.GetAttemptsAsync(first.Id);
        var pending = await incidents.ListPendingAsync(["hook", "mail"]);

        Assert.Equal(["503", "timeout", null], attempts.Select(a => a.Error));
        Assert.Equal(
            [(first.Id, "hook", 2, (string?)"timeout"), (second.Id, "mail", 0, null)],
            pending.Select(p => (p.Incident.Id, p.Sink, p.FailedAttempts, p.LastError)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => incidents.RecordAttemptAsync(
            new DeliveryAttempt("missing", "hook", Now, true, null, null)));
    }

    [Fact]
    public async Task OutputComparisons_AddWithFlips_ReadBack()
    {
        var outputs = _stores.OutputComparisons;
        var row = new OutputComparisonRow("out-1", Now, "dag", "base (m.onnx)", "cand (m2.onnx)", "data.csv", true, "{}");
        OutputFlipRow[] flips = [new("e1", "s", true, 0.9, 0.8), new("e2", "s", false, 0.1, 0.7)];

        await outputs.AddAsync(row, flips);

        Assert.Equal(row, await outputs.FindAsync("out"));
        Assert.Equal(row, Assert.Single(await outputs.ListAsync(5)));
        Assert.Equal(["e2", "e1"], (await outputs.FlipsAsync("out-1")).Select(f => f.ExampleId));
    }

    [Fact]
    public async Task Open_AgainWithANewStep_AppliesOnlyItAndRecordsIt()
    {
        await Experiments.CreateAsync(Samples.Experiment("ab-1"));
        var latest = SchemaMigrations.All.Count;
        var notes = new SchemaMigration(latest + 1, "notes", "CREATE TABLE notes (text TEXT);",
            "CREATE TABLE notes (text TEXT);");

        using (var upgraded = _backend.Open([.. SchemaMigrations.All, notes]))
        {
            Assert.Equal(latest + 1, upgraded.SchemaVersion);
            Assert.Equal("ab-1", (await upgraded.Experiments.FindAsync("ab-1"))?.Id);
        }

        using (var again = _backend.Open([.. SchemaMigrations.All, notes]))
            Assert.Equal(latest + 1, again.SchemaVersion);
        var ex = Assert.Throws<StorageException>(() => _backend.Open());
        Assert.Contains($"schema version {latest + 1}", ex.Message, StringComparison.Ordinal);
    }

    private static ExperimentLease Lease(string token, int pid) =>
        new("ab-1", token, new LeaseHolder(pid, "host-1", "boot-1", 1234), Now, Now, Now.AddMinutes(1));

    private static Calibration Calibration(string id, string key, DateTimeOffset at) => new()
    {
        Id = id,
        WorkflowKey = key,
        Workflow = new WorkflowSpec { Name = key, Run = "python3 train.py" },
        CreatedAt = at,
        Machine = new MachineFingerprint("host-1", "cpu", 2, ""),
        ExperimentIds = ["ab-1"],
        TrialsPerVariant = 10,
        Budget = "1 per 1000",
        BudgetRate = 0.001,
        DefaultFalseAlarms = 0,
        Metrics = [],
    };
}
