using System.Text.Json;

namespace AiLab.Probe.Tests;

/// <summary>One events-file line parsed strictly: the protocol's members only — mark and t_ns, and cpu_ns with pid
/// together (the probe writes all four; a line the harness side wrote may have only the first two).</summary>
internal sealed record ParsedMark(string Mark, long TNs, long? CpuNs, int? Pid)
{
    public static ParsedMark Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var withCpu = root.TryGetProperty("cpu_ns", out var cpu);
        Assert.Equal(withCpu ? 4 : 2, root.EnumerateObject().Count());
        return new ParsedMark(root.GetProperty("mark").GetString()!, root.GetProperty("t_ns").GetInt64(),
            withCpu ? cpu.GetInt64() : null, withCpu ? root.GetProperty("pid").GetInt32() : null);
    }

    public static List<ParsedMark> ParseAll(IEnumerable<string> lines) => lines.Select(Parse).ToList();
}
