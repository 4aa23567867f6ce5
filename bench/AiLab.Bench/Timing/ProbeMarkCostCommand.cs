using System.Globalization;
using System.Text;
using AiLab.Bench.Verdicts;
using AiLab.Probe;

namespace AiLab.Bench.Timing;

/// <summary>
/// What one mark of the .NET probe costs the workload, beside its floor: one unbuffered append of the same bytes to a
/// file opened once (the single write(2) a mark has to make). The goal is a median under 0.1 ms; it moved here from
/// a unit test that asserted it in wall-clock time and so failed on a loaded machine.
/// </summary>
internal sealed class ProbeMarkCostCommand : IBenchCommand
{
    public string Name => "probe-mark-cost";

    public string Description => "AiLabProbe.Mark vs a raw append of the same line, per call [--rounds N]";

    public int Run(IReadOnlyList<string> args)
    {
        var rounds = new Options(args).GetInt("--rounds", 5000);
        var directory = Directory.CreateTempSubdirectory("ailab-bench-probe-");
        try
        {
            Environment.SetEnvironmentVariable(AiLabProbe.EventsVariable, Path.Combine(directory.FullName,
                "events.jsonl"));
            var line = Encoding.UTF8.GetBytes("{\"mark\":\"step\",\"t_ns\":1234567890123}\n");
            using var raw = new FileStream(Path.Combine(directory.FullName, "raw.jsonl"), FileMode.Append,
                FileAccess.Write,
                FileShare.ReadWrite, bufferSize: 0);
            var (mark, append) = SideBySide.Measure(() => AiLabProbe.Mark("step"), () => raw.Write(line), rounds);
            if (!AiLabProbe.Enabled)
            {
                Console.Error.WriteLine(
                    "probe-mark-cost: the probe could not write its events file; the figures are of a no-op");
                return 1;
            }

            var (markMs, appendMs) = (SideBySide.Quantile(mark, 0.5), SideBySide.Quantile(append, 0.5));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rounds} alternating calls: AiLabProbe.Mark median {markMs * 1000:0.0} µs "
                + $"(p99 {SideBySide.Quantile(mark, 0.99) * 1000:0.0} µs, goal median < 100 µs), "
                + $"raw append median {appendMs * 1000:0.0} µs "
                + $"(p99 {SideBySide.Quantile(append, 0.99) * 1000:0.0} µs); "
                + $"ratio of medians {markMs / appendMs:0.00}"));
            return 0;
        }
        finally
        {
            Environment.SetEnvironmentVariable(AiLabProbe.EventsVariable, null);
            directory.Delete(recursive: true);
        }
    }
}
