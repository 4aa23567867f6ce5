using System.Diagnostics;
using AiLab.Core.Machine;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Machine;

/// <summary>The real per-core speed measurement: a fixed loop (xorshift integer work and reads scattered over an
/// 8 MiB table, no allocation)
/// run on a thread pinned to each CPU in turn, the CPUs interleaved and their order alternated every round, timed
/// on the thread's CPU clock (<see cref="ThreadCpuClock"/>), so that other processes sharing the core change how
/// long the measurement takes but not what it measures. Pinning with sched_setaffinity(2) migrates the thread
/// before the call returns. With the defaults (release build) a run takes about 25 ms of CPU, the calibration about
/// 0.7 s of CPU on a 2-core machine: 3 s of wall time under a load average of 41.</summary>
public sealed class CoreSpeedMeter(long iterations = CoreSpeedMeter.DefaultIterations) : ICoreSpeedMeter
{
    /// <summary>Loop iterations per run: about 25 ms of CPU here, long against a timer tick, short against the
    /// machine's drift.</summary>
    public const long DefaultIterations = 2_000_000;

    private static long _sink;

    /// <inheritdoc />
    public MachineIdentity Identify() => MachineFacts.Identity();

    /// <inheritdoc />
    public IReadOnlyDictionary<int, IReadOnlyList<CoreRun>> Measure(int rounds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var cpus = CpuAffinity.AllowedCpus();
        var samples = cpus.ToDictionary(c => c, _ => new List<CoreRun>());
        Exception? failure = null;
        // A thread of its own: pinning it leaves the thread pool's threads (and the caller) where they were.
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var cpu in cpus)
                {
                    using var warm = CpuAffinity.PinCallingThread([cpu]);
                    Run(iterations / 4); // JIT and caches, not measured
                }

                for (var round = 0; round < rounds && !cancellationToken.IsCancellationRequested; round++)
                {
                    var order = round % 2 == 0 ? cpus : cpus.Reverse().ToList();
                    foreach (var cpu in order)
                    {
                        using var pin = CpuAffinity.PinCallingThread([cpu]);
                        var wall = Stopwatch.GetTimestamp();
                        var start = ThreadCpuClock.NowNs();
                        Run(iterations);
                        var cpuMs = (ThreadCpuClock.NowNs() - start) / 1e6;
                        samples[cpu].Add(new CoreRun(cpuMs, Stopwatch.GetElapsedTime(wall).TotalMilliseconds));
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "ailab core-speed calibration" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException($"the per-core speed calibration failed: {failure.Message}", failure);
        cancellationToken.ThrowIfCancellationRequested();
        return samples.ToDictionary(p => p.Key, p => (IReadOnlyList<CoreRun>)p.Value);
    }

    /// <summary>Integer work mixed with reads scattered over a table larger than a core's private caches, as an
    /// interpreter's start-up is: a core whose caches or memory path a neighbour shares (an SMT sibling, another
    /// VM) runs it slower, which a register-only loop would not show.</summary>
    private static void Run(long count)
    {
        var table = Table;
        var mask = (ulong)(table.Length - 1);
        var x = 0x9E3779B97F4A7C15UL;
        var sum = 0UL;
        for (var i = 0L; i < count; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += x + (ulong)table[(int)(x & mask)];
        }

        // Published so the JIT cannot drop the loop.
        Interlocked.Exchange(ref _sink, (long)sum);
    }

    private static readonly int[] Table = Enumerable.Range(0, 1 << 21).Select(i => i * 7).ToArray(); // 8 MiB
}
