using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes;

public sealed class ProbeEventReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ailab-events-").FullName;

    [Fact]
    public async Task Stop_FileCreatedLateAndWrittenInPieces_ReadsEveryCompleteLineInOrder()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        var reader = new ProbeEventReader(path, TimeSpan.FromMilliseconds(5));
        reader.Start();
        await Task.Delay(30);

        await using (var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            await writer.WriteAsync("{\"mark\": \"imports\", \"t_ns\": 7}\n{\"mark\": \"fir"u8.ToArray());
            await writer.FlushAsync();
            await Task.Delay(40);
            await writer.WriteAsync("st_batch\"}\nnot json\n{\"mark\": \"done\"}"u8.ToArray());
        }

        var (events, warnings) = reader.Stop();

        Assert.Equal(["imports", "first_batch", "done"], events.Select(e => e.Event.Mark));
        Assert.Equal([1, 2, 4], events.Select(e => e.LineNumber));
        Assert.Equal(7, events[0].Event.TimestampNs);
        Assert.True(events[1].ReceivedNs >= events[0].ReceivedNs);
        Assert.StartsWith("events line 3: not JSON", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_LineWithoutTimestamp_IsStampedShortlyAfterItWasWritten()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        var reader = new ProbeEventReader(path, TimeSpan.FromMilliseconds(5));
        reader.Start();
        await Task.Delay(100);

        var writtenNs = System.Diagnostics.Stopwatch.GetTimestamp();
        await File.AppendAllTextAsync(path, "{\"mark\": \"first_batch\"}\n");
        await Task.Delay(200);
        var (events, _) = reader.Stop();

        var lagMs = (Assert.Single(events).ReceivedNs - writtenNs) / 1e6;
        Assert.InRange(lagMs, 0, 150);
    }

    [Fact]
    public void Stop_FileNeverCreated_ReturnsNothing()
    {
        var reader = new ProbeEventReader(Path.Combine(_dir, "missing.jsonl"), TimeSpan.FromMilliseconds(5));
        reader.Start();

        var (events, warnings) = reader.Stop();

        Assert.Empty(events);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Stop_ManyBadLines_ListsTwentyAndCountsTheRest()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 25).Select(i => $"bad {i}"));
        var reader = new ProbeEventReader(path, TimeSpan.FromMilliseconds(5));
        reader.Start();

        var (_, warnings) = reader.Stop();

        Assert.Equal(21, warnings.Count);
        Assert.Equal("5 more unusable events lines were not listed", warnings[^1]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
