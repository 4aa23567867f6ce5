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

        // Warm up first: the spin loop's tier-up compiles on a background thread, which counted 95 ms into the
        // sleep below once (a fresh clone's test run, 2 cores); spin and sleep once so that happens here.
        Spin(TimeSpan.FromMilliseconds(50));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Thread.Sleep(150);
        // What the rest of the test host (threads left by the project's other tests, the runner) spends while this
        // thread sleeps, measured over a window as long as the sleep below.
        writer.Mark("idle");
        Thread.Sleep(300);

        // A workload of known size: 300 ms of this process's CPU spent spinning, then 300 ms asleep.
        writer.Mark("start");
        Spin(TimeSpan.FromMilliseconds(300));
        writer.Mark("busy");
        Thread.Sleep(300);
        writer.Mark("asleep");

        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.All(marks, m => Assert.Equal(Environment.ProcessId, m.Pid));
        var backgroundNs = marks[1].CpuNs!.Value - marks[0].CpuNs!.Value;
        var busyNs = marks[2].CpuNs!.Value - marks[1].CpuNs!.Value;
        var asleepNs = marks[3].CpuNs!.Value - marks[2].CpuNs!.Value;
        // The spin counts the whole process's CPU, as the stamp does; the sleeping thread adds nothing, so the sleep
        // costs what the host's other threads spent in the idle window, give or take 60 ms.
        var figures =
            $"background {backgroundNs / 1e6:0.0} ms, busy {busyNs / 1e6:0.0} ms, asleep {asleepNs / 1e6:0.0} ms";
        Assert.True(busyNs is >= 300_000_000 and <= 450_000_000, figures);
        Assert.True(asleepNs <= backgroundNs + 60_000_000, figures);
        Assert.True(marks[3].TNs - marks[2].TNs >= 300_000_000, $"slept {marks[3].TNs - marks[2].TNs} ns");
    }

    private static void Spin(TimeSpan cpu)
    {
        var until = Environment.CpuUsage.TotalTime + cpu;
        while (Environment.CpuUsage.TotalTime < until)
        {
        }
    }
}
