namespace AiLab.Probe.Tests;

/// <summary>The mark line's CPU stamp against a workload of known size. Alone in its collection: the stamp is the
/// whole test host's CPU, so no other test may run beside it.</summary>
[Collection(CpuStampCollection.Name)]
public class ProbeCpuStampTests
{
    [Fact]
    public void Mark_BusyLoopThenSleep_CpuStampCountsTheLoopAndNotTheSleep()
    {
        using var events = new TempEventsFile();
        using var writer = new ProbeWriter(events.Path, TextWriter.Null);

        // A workload of known size: 150 ms of this process's CPU spent spinning, then 200 ms asleep.
        writer.Mark("start");
        var spinUntil = Environment.CpuUsage.TotalTime + TimeSpan.FromMilliseconds(150);
        while (Environment.CpuUsage.TotalTime < spinUntil)
        {
        }

        writer.Mark("busy");
        Thread.Sleep(200);
        writer.Mark("asleep");

        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.All(marks, m => Assert.Equal(Environment.ProcessId, m.Pid));
        var busyNs = marks[1].CpuNs!.Value - marks[0].CpuNs!.Value;
        var asleepNs = marks[2].CpuNs!.Value - marks[1].CpuNs!.Value;
        // Other threads of the test host (GC, the runner) add a little; the sleeping thread adds nothing.
        Assert.InRange(busyNs, 150_000_000, 250_000_000);
        Assert.InRange(asleepNs, 0, 50_000_000);
        Assert.True(marks[2].TNs - marks[1].TNs >= 200_000_000, $"slept {marks[2].TNs - marks[1].TNs} ns");
    }
}
