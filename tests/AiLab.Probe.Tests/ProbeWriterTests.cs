using System.Diagnostics;

namespace AiLab.Probe.Tests;

public class ProbeWriterTests
{
    [Fact]
    public void Mark_WithPath_AppendsOneParseableLinePerMark()
    {
        using var events = new TempEventsFile();
        using var writer = new ProbeWriter(events.Path, TextWriter.Null);

        writer.Mark("imports");
        writer.Mark("config_validation");
        writer.Mark("first_batch");

        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.Equal(["imports", "config_validation", "first_batch"], marks.Select(m => m.Mark));
    }

    [Fact]
    public void Mark_ExistingFile_KeepsEarlierContent()
    {
        using var events = new TempEventsFile();
        File.WriteAllText(events.Path, "{\"mark\":\"from_harness\",\"t_ns\":1}\n");

        using (var writer = new ProbeWriter(events.Path, TextWriter.Null))
        {
            writer.Mark("imports");
        }

        Assert.Equal(["from_harness", "imports"], ParsedMark.ParseAll(events.ReadLines()).Select(m => m.Mark));
    }

    [Fact]
    public void Mark_Repeated_TimestampsIncreaseWithinStopwatchReadings()
    {
        using var events = new TempEventsFile();
        using var writer = new ProbeWriter(events.Path, TextWriter.Null);

        var before = MonotonicClock.ToNanoseconds(Stopwatch.GetTimestamp());
        for (var i = 0; i < 5; i++)
        {
            writer.Mark($"m{i}");
            Thread.Sleep(2);
        }

        var after = MonotonicClock.ToNanoseconds(Stopwatch.GetTimestamp());

        var stamps = ParsedMark.ParseAll(events.ReadLines()).Select(m => m.TNs).ToList();
        Assert.Equal(5, stamps.Count);
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} <= {pair.First}"));
        Assert.InRange(stamps[0], before, after);
        Assert.InRange(stamps[^1], before, after);
        // Two-millisecond sleeps between marks: the stamps are nanoseconds, not ticks of some other unit.
        Assert.True(stamps[^1] - stamps[0] >= 8_000_000, $"span {stamps[^1] - stamps[0]} ns");
    }

    [Fact]
    public void Mark_WithoutPath_IsDisabledAndWritesNothing()
    {
        using var events = new TempEventsFile();
        var warnings = new StringWriter();
        using var writer = new ProbeWriter(null, warnings);

        writer.Mark("imports");

        Assert.False(writer.Enabled);
        Assert.False(File.Exists(events.Path));
        Assert.Equal("", warnings.ToString());
    }

    [Fact]
    public void FromEnvironment_VariableUnsetOrEmpty_IsDisabled()
    {
        Assert.False(ProbeWriter.FromEnvironment(_ => null, TextWriter.Null).Enabled);
        Assert.False(ProbeWriter.FromEnvironment(_ => "", TextWriter.Null).Enabled);
    }

    [Fact]
    public void FromEnvironment_VariableNamesFile_WritesThere()
    {
        using var events = new TempEventsFile();
        string? asked = null;
        using var writer = ProbeWriter.FromEnvironment(name => { asked = name; return events.Path; }, TextWriter.Null);

        writer.Mark("imports");

        Assert.Equal("AILAB_EVENTS", asked);
        Assert.True(writer.Enabled);
        Assert.Single(events.ReadLines());
    }

    [Theory]
    [InlineData("say \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("new\nline\ttab\u0001")]
    [InlineData("données_préparées")]
    [InlineData("批次 🚀")]
    public void Mark_NameNeedingEscapes_RoundTripsOnOneAsciiLine(string name)
    {
        using var events = new TempEventsFile();

        using (var writer = new ProbeWriter(events.Path, TextWriter.Null))
        {
            writer.Mark(name);
        }

        var bytes = File.ReadAllBytes(events.Path);
        Assert.All(bytes, b => Assert.InRange(b, (byte)0x0a, (byte)0x7e));
        var line = Assert.Single(events.ReadLines());
        Assert.Equal(name, ParsedMark.Parse(line).Mark);
    }

    [Fact]
    public void Mark_AfterDispose_IsDroppedSilently()
    {
        using var events = new TempEventsFile();
        var warnings = new StringWriter();
        var writer = new ProbeWriter(events.Path, warnings);
        writer.Mark("imports");

        writer.Dispose();
        writer.Mark("first_batch");

        Assert.Single(events.ReadLines());
        Assert.Equal("", warnings.ToString());
    }

    [Fact]
    public void Mark_EmptyName_Throws()
    {
        using var writer = new ProbeWriter(null, TextWriter.Null);

        Assert.Throws<ArgumentException>(() => writer.Mark(""));
    }

    [Fact]
    public void Mark_ConcurrentThreads_ProduceWholeLines()
    {
        using var events = new TempEventsFile();
        using var writer = new ProbeWriter(events.Path, TextWriter.Null);
        const int threads = 8, perThread = 250;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < perThread; i++)
            {
                writer.Mark($"thread{t}_mark{i}_padding_to_make_lines_longer");
            }
        });

        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.Equal(threads * perThread, marks.Count);
        Assert.Equal(threads * perThread, marks.Select(m => m.Mark).Distinct().Count());
    }

    [Fact]
    public void Mark_TwoWritersInterleaved_NeitherOverwritesTheOther()
    {
        // Two writers hold two independent open files, as two processes would. Strict alternation makes the
        // failure deterministic: a writer that tracks its own offset instead of using O_APPEND overwrites
        // the other's previous line.
        using var events = new TempEventsFile();
        using var first = new ProbeWriter(events.Path, TextWriter.Null);
        using var second = new ProbeWriter(events.Path, TextWriter.Null);

        for (var i = 0; i < 3; i++)
        {
            first.Mark($"first{i}");
            second.Mark($"second{i}");
        }

        var names = ParsedMark.ParseAll(events.ReadLines()).Select(m => m.Mark);
        Assert.Equal(["first0", "second0", "first1", "second1", "first2", "second2"], names);
    }

    [Fact]
    public void Mark_TwoWritersOnThreads_KeepEveryLineOfBoth()
    {
        using var events = new TempEventsFile();
        using var first = new ProbeWriter(events.Path, TextWriter.Null);
        using var second = new ProbeWriter(events.Path, TextWriter.Null);
        first.Mark("a_open");
        second.Mark("b_open");
        const int perWriter = 300;

        Parallel.Invoke(
            () => { for (var i = 0; i < perWriter; i++) { first.Mark($"a{i}"); } },
            () => { for (var i = 0; i < perWriter; i++) { second.Mark($"b{i}"); } });

        var names = ParsedMark.ParseAll(events.ReadLines()).Select(m => m.Mark).ToList();
        Assert.Equal(2 * perWriter + 2, names.Count);
        Assert.Equal(Enumerable.Range(0, perWriter).Select(i => $"a{i}"), names.Where(n => n[0] == 'a' && n != "a_open"));
        Assert.Equal(Enumerable.Range(0, perWriter).Select(i => $"b{i}"), names.Where(n => n[0] == 'b' && n != "b_open"));
    }

    [Fact]
    public void Mark_UnwritablePath_WarnsOnceAndStopsWithoutThrowing()
    {
        var warnings = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), $"ailab-missing-{Guid.NewGuid():N}", "events.jsonl");
        using var writer = new ProbeWriter(path, warnings);

        writer.Mark("imports");
        writer.Mark("first_batch");

        Assert.False(writer.Enabled);
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var warning = Assert.Single(lines);
        Assert.Contains(path, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Mark_ManyInARow_AppendsEveryOneInOrder()
    {
        // Its cost per mark is measured side by side with a raw append in bench/ (ailab-bench probe-mark-cost).
        using var events = new TempEventsFile();
        using var writer = new ProbeWriter(events.Path, TextWriter.Null);

        for (var i = 0; i < 500; i++)
        {
            writer.Mark($"step{i}");
        }

        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"step{i}"), marks.Select(m => m.Mark));
        Assert.True(writer.Enabled);
    }
}
