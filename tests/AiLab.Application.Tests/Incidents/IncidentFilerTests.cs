using AiLab.Application.Incidents;
using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Core.Incidents;
using AiLab.Core.Verdicts;
using AiLab.Storage;

namespace AiLab.Application.Tests.Incidents;

public sealed class IncidentFilerTests
{
    private const string Suite = "workflows:\n  t: {run: 'true'}\nnotify:\n  sinks:\n";

    [Fact]
    public async Task FileAsync_MarkdownSink_RecordsAndDeliversTheIncident()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ailab.yaml"), Suite + "    - type: markdown\n      directory: pages\n");

        using var stores = StoreFactory.Open(dir.File("ailab.db"));
        var outcome = await IncidentFiler.FileAsync(
            stores.Incidents, [Sample()], dir.File("ailab.yaml"), dir.Path, CancellationToken.None);

        Assert.Null(outcome?.SinksProblem);
        Assert.NotNull(outcome?.Batch);
        Assert.True(outcome.Batch.Notifications.AllDelivered);
        Assert.Single(outcome.Sinks);
        Assert.True(File.Exists(Path.Combine(dir.Path, "pages", "index.md")));
        Assert.Single(await stores.Incidents.ListAsync(10));
    }

    [Fact]
    public async Task FileAsync_BrokenNotifySection_StillRecordsAndSaysWhy()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ailab.yaml"), Suite + "    - type: pager\n");

        using var stores = StoreFactory.Open(dir.File("ailab.db"));
        var outcome = await IncidentFiler.FileAsync(
            stores.Incidents, [Sample()], dir.File("ailab.yaml"), dir.Path, CancellationToken.None);

        Assert.NotNull(outcome?.SinksProblem);
        Assert.Single(outcome.Batch!.Recorded);
    }

    [Fact]
    public async Task DeliverPendingAsync_FileWithoutSinks_IsBadInput()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ailab.yaml"), "workflows:\n  t: {run: 'true'}\n");
        using var stores = StoreFactory.Open(dir.File("ailab.db"));

        await Assert.ThrowsAsync<LabInputException>(
            () => IncidentFiler.DeliverPendingAsync(stores.Incidents, null, dir.Path, CancellationToken.None));
    }

    [Fact]
    public async Task DeliverPendingAsync_NoFile_SaysWhereItLooked()
    {
        using var dir = new TempDirectory();
        using var stores = StoreFactory.Open(dir.File("ailab.db"));

        var e = await Assert.ThrowsAsync<WorkflowFileNotFoundException>(
            () => IncidentFiler.DeliverPendingAsync(stores.Incidents, null, dir.Path, CancellationToken.None));

        Assert.Equal([dir.Path], e.Searched);
    }

    private static Incident Sample() => new()
    {
        CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.Zero),
        Workflow = "pytorch-train",
        Repository = "/srv/repos/trainer",
        Metric = "ttfb",
        Phase = "config_validation",
        Culprit = new CulpritCommit(
            "3f1c2b9a0d4e5f60718293a4b5c6d7e8f9012345", "Ada", "ada@example.com", "Validate twice", " train.py | 4\n"),
        Range = new RevisionRange("v1.0", "v1.1"),
        Change = new ChangeEstimate(8.1, [6.0, 10.2], 120.5, [90.25, 150.0]),
        Evidence =
        [
            new IncidentEvidence(EvidenceRole.Original, "ab-1a2b", Verdict.Regression, "CI [6.0%, 10.2%]"),
        ],
        TrialsUsed = 40,
    };
}
