using System.Text;
using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes;

public sealed class ProbeEventParserTests
{
    [Theory]
    [InlineData("""{"mark": "imports", "t_ns": 123456789}""", "imports", 123456789L)]
    [InlineData("""{"t_ns": 5, "mark": "first_batch", "extra": [1, 2]}""", "first_batch", 5L)]
    [InlineData("""  {"mark":"done"}  """, "done", null)]
    [InlineData("""{"mark": "x", "t_ns": null}""", "x", null)]
    [InlineData("{\"mark\": \"x\", \"t_ns\": 9223372036854775807}\r", "x", long.MaxValue)]
    public void TryParse_ValidLine_ReturnsEvent(string line, string mark, long? tNs)
    {
        var ok = ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 1, out var probeEvent, out var warning);

        Assert.True(ok);
        Assert.Null(warning);
        Assert.Equal(new ProbeEvent(mark, tNs), probeEvent);
    }

    [Fact]
    public void TryParse_CpuStampAndPid_AreRead()
    {
        var line = """{"mark": "imports", "t_ns": 5, "cpu_ns": 1200000, "pid": 4242}""";

        var ok = ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 1, out var probeEvent, out var warning);

        Assert.True(ok);
        Assert.Null(warning);
        Assert.Equal(new ProbeEvent("imports", 5, 1_200_000, 4242), probeEvent);
    }

    [Theory]
    [InlineData("""{"mark": "x", "t_ns": 5, "cpu_ns": -1, "pid": 3}""", "\"cpu_ns\" is not a non-negative integer")]
    [InlineData("""{"mark": "x", "t_ns": 5, "cpu_ns": "1", "pid": 3}""", "\"cpu_ns\" is not a non-negative integer")]
    [InlineData("""{"mark": "x", "t_ns": 5, "cpu_ns": 1, "pid": 0}""", "\"pid\" is not a process id")]
    public void TryParse_BadOptionalField_KeepsTheMarkWithAWarning(string line, string problem)
    {
        var ok = ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 2, out var probeEvent, out var warning);

        Assert.True(ok);
        Assert.Equal("x", probeEvent!.Mark);
        Assert.Equal(5, probeEvent.TimestampNs);
        Assert.StartsWith($"events line 2: {problem}", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "not JSON")]
    [InlineData("""{"mark": "x", """, "not JSON")]
    [InlineData("""["mark", "x"]""", "not a JSON object")]
    [InlineData("42", "not a JSON object")]
    [InlineData("""{"name": "x"}""", "no \"mark\" string")]
    [InlineData("""{"mark": 3}""", "no \"mark\" string")]
    [InlineData("""{"mark": ""}""", "no \"mark\" string")]
    [InlineData("""{"mark": "x", "t_ns": 1.5}""", "\"t_ns\" is not an integer")]
    [InlineData("""{"mark": "x", "t_ns": "12"}""", "\"t_ns\" is not an integer")]
    [InlineData("""{"mark": "x", "t_ns": 1e30}""", "\"t_ns\" is not an integer")]
    [InlineData("""{"mark": "\ud800"}""", "\"mark\" is not valid Unicode text")]
    public void TryParse_UnusableLine_WarnsWithLineNumberAndExpectedShape(string line, string problem)
    {
        var ok = ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 3, out var probeEvent, out var warning);

        Assert.False(ok);
        Assert.Null(probeEvent);
        Assert.StartsWith($"events line 3: {problem}", warning, StringComparison.Ordinal);
        Assert.EndsWith("""(expected {"mark": "...", "t_ns": N})""", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\r")]
    public void TryParse_BlankLine_IsSkippedWithoutWarning(string line)
    {
        var ok = ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 1, out var probeEvent, out var warning);

        Assert.False(ok);
        Assert.Null(probeEvent);
        Assert.Null(warning);
    }

    [Fact]
    public void TryParse_LongGarbage_QuotesOnlyTheStart()
    {
        var line = new string('z', 500);

        ProbeEventParser.TryParse(Encoding.UTF8.GetBytes(line), 1, out _, out var warning);

        Assert.Contains(new string('z', 80) + "...", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('z', 81), warning, StringComparison.Ordinal);
    }
}
