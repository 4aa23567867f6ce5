using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class ProcessTreeCpuTests
{
    // A real line's shape: comm with a space and a parenthesis, utime 120, stime 30, cutime 7, cstime 3.
    private const string Stat =
        "4242 (python3 (x)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 120 30 7 3 20 0 1 0 100 10000 300 18446744073709551615";

    [Fact]
    public void ParseTicks_WithChildren_SumsFieldsFourteenToSeventeen()
    {
        Assert.Equal(160, ProcessTreeCpu.ParseTicks(Stat, withChildren: true));
    }

    [Fact]
    public void ParseTicks_OwnOnly_SumsUtimeAndStime()
    {
        Assert.Equal(150, ProcessTreeCpu.ParseTicks(Stat, withChildren: false));
    }

    [Fact]
    public void ParseTicks_TruncatedLine_ReturnsNull()
    {
        Assert.Null(ProcessTreeCpu.ParseTicks("4242 (x) S 1 2 3", withChildren: true));
    }

    [Fact]
    public void ReadMs_ThisProcess_AgreesWithTheRuntimesOwnCpuTime()
    {
        var end = Environment.TickCount64 + 300;
        while (Environment.TickCount64 < end)
        {
        }

        var ms = ProcessTreeCpu.ReadMs(Environment.ProcessId, cgroup: null);
        var own = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

        Assert.NotNull(ms);
        // 10 ms ticks, and the reads are not simultaneous; cutime and cstime add the children this process reaped.
        Assert.True(ms.Value >= own - 100, $"read {ms} ms, the runtime says {own} ms");
    }
}
