using System.Text.Json;

namespace AiLab.Probe.Tests;

/// <summary>One events-file line parsed strictly: exactly the protocol's two members.</summary>
internal sealed record ParsedMark(string Mark, long TNs)
{
    public static ParsedMark Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal(2, root.EnumerateObject().Count());
        return new ParsedMark(root.GetProperty("mark").GetString()!, root.GetProperty("t_ns").GetInt64());
    }

    public static List<ParsedMark> ParseAll(IEnumerable<string> lines) => lines.Select(Parse).ToList();
}
