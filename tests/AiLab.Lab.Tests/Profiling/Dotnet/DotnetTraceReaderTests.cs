using AiLab.Lab.Profiling.Dotnet;
using AiLab.Lab.Tests.Support;
using AiLab.Testing;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

public sealed class DotnetTraceReaderTests
{
    [Fact]
    public void Read_NoTrace_ThrowsSayingTheWorkloadWroteNone()
    {
        var e = Assert.Throws<InvalidDataException>(() => DotnetTraceReader.Read([], "/nonexistent.jsonl", "A",
            Trials.Succeeded([("first_batch", 100)])));

        Assert.Contains("no EventPipe trace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GarbageTrace_ThrowsNamingTheFile()
    {
        using var folder = new TempDirectory("ailab-nettrace-");
        var trace = folder.File("t.1.nettrace");
        File.WriteAllText(trace, "not a trace");
        var events = folder.File("events.jsonl");
        File.WriteAllText(events, "{\"mark\":\"first_batch\",\"t_ns\":5}\n");

        var e = Assert.Throws<InvalidDataException>(() => DotnetTraceReader.Read([trace], events, "A",
            Trials.Succeeded([("first_batch", 100)])));

        Assert.Contains(trace, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Stem_NamesAFilePerProcessThatTracesFindsAgain()
    {
        using var folder = new TempDirectory("ailab-nettrace-");
        var stem = folder.File("001-A-sample");
        var path = EventPipeEnvironment.For(stem)["DOTNET_EventPipeOutputPath"];
        File.WriteAllText(path.Replace("{pid}", "4242", StringComparison.Ordinal), "");
        File.WriteAllText(folder.File("002-B-sample.4243.nettrace"), "");

        Assert.Equal([folder.File("001-A-sample.4242.nettrace")], EventPipeEnvironment.Traces(stem));
    }
}
