using AiLab.Execution.Probes;
using AiLab.Execution.Processes;

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
    public async Task Stop_LineWithoutTimestamp_IsStampedByTheFollowerAfterItWasWritten()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        var reader = new ProbeEventReader(path, TimeSpan.FromMilliseconds(5));
        reader.Start();

        var writtenNs = MonotonicClock.NowNs();
        await File.AppendAllTextAsync(path, "{\"mark\": \"first_batch\"}\n");
        // Wait for the follower thread to have read the line (however long a loaded machine takes), then read the
        // clock: a stamp between the write and this reading was taken on receipt, not by Stop's final read.
        await WaitUntil(() => reader.LinesRead == 1);
        var seenNs = MonotonicClock.NowNs();
        var (events, _) = reader.Stop();

        Assert.InRange(Assert.Single(events).ReceivedNs, writtenNs, seenNs);
    }

    [Fact]
    public async Task Stop_UnterminatedLastLine_IsStampedByStop()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        var reader = new ProbeEventReader(path, TimeSpan.FromMilliseconds(5));
        reader.Start();
        await File.AppendAllTextAsync(path, "{\"mark\": \"first_batch\"}");

        var beforeStopNs = MonotonicClock.NowNs();
        var (events, _) = reader.Stop();
        var afterStopNs = MonotonicClock.NowNs();

        Assert.InRange(Assert.Single(events).ReceivedNs, beforeStopNs, afterStopNs);
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

    private static async Task WaitUntil(Func<bool> condition)
    {
        // A generous limit: it only turns a reader that never reads into a failure instead of a hang.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
            await Task.Delay(5, timeout.Token);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
