using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;
using AiLab.Notifications.Sinks;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Sinks;

public sealed class MarkdownFileSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DeliverAsync_TwoIncidents_WritesAFileEachAndAnIndexOfBoth()
    {
        var sink = Sink();
        var first = Incidents.Sample();
        var second = Incidents.Sample(sha: "0123456789abcdef0123456789abcdef01234567");

        var a = await sink.DeliverAsync(first, CancellationToken.None);
        await sink.DeliverAsync(second, CancellationToken.None);

        Assert.True(a.Succeeded, a.Error);
        var file = Path.Combine(sink.Directory, first.Id + ".md");
        Assert.Equal(file, a.Reference);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith($"# {first.Title()}\n", text, StringComparison.Ordinal);
        Assert.Contains(IncidentMarkdown.Marker(first.Id), text, StringComparison.Ordinal);
        Assert.Contains("Validate the config twice \\| safely", text, StringComparison.Ordinal);
        var index = await File.ReadAllLinesAsync(Path.Combine(sink.Directory, MarkdownFileSink.IndexFile));
        Assert.Equal(2, index.Count(l => l.StartsWith("- [", StringComparison.Ordinal)));
        Assert.Contains(index, l => l.EndsWith($"({second.Id}.md)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_SameIncidentTwice_LeavesOneUnchangedFile()
    {
        var sink = Sink();
        var incident = Incidents.Sample();
        await sink.DeliverAsync(incident, CancellationToken.None);
        var file = Path.Combine(sink.Directory, incident.Id + ".md");
        var before = (await File.ReadAllTextAsync(file), File.GetLastWriteTimeUtc(file));

        await Task.Delay(20);
        var again = await sink.DeliverAsync(incident, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal(before, (await File.ReadAllTextAsync(file), File.GetLastWriteTimeUtc(file)));
        Assert.Equal(2, Directory.GetFiles(sink.Directory).Length); // the incident and the index, no temp files left
    }

    [Fact]
    public async Task DeliverAsync_DirectoryIsAFile_IsAFailureNotAnException()
    {
        var blocker = _temp.File("incidents");
        await File.WriteAllTextAsync(blocker, "not a directory");
        var sink = new MarkdownFileSink(new MarkdownSinkConfig("files", "incidents"), blocker);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains(blocker, outcome.Error, StringComparison.Ordinal);
    }

    private MarkdownFileSink Sink() => new(new MarkdownSinkConfig("files", "incidents"), Path.Combine(_temp.Path, "out", "incidents"));
}
