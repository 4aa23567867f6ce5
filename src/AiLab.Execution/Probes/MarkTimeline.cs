using AiLab.Core.Trials;

namespace AiLab.Execution.Probes;

/// <summary>Turns received probe events into marks measured from the spawn of the process.</summary>
internal static class MarkTimeline
{
    /// <summary>A reading this far past the moment the harness read the line cannot be CLOCK_MONOTONIC; the slack
    /// only absorbs rounding, since the writer always reads its clock before the harness reads the line.</summary>
    private const long FutureSlackNs = 1_000_000;

    /// <summary>Converts <paramref name="events"/> (in order of arrival) to marks. A <c>t_ns</c> that cannot be a
    /// CLOCK_MONOTONIC reading of the workload (before the spawn, or after the line was read — typically
    /// <c>time.time_ns()</c> instead of <c>time.monotonic_ns()</c>) is replaced by the receipt stamp, with a warning.</summary>
    public static IReadOnlyList<Mark> ToMarks(IEnumerable<ReceivedEvent> events, long spawnNs, ICollection<string> warnings)
    {
        var marks = new List<Mark>();
        foreach (var received in events)
        {
            var (name, timestamp) = (received.Event.Mark, received.Event.TimestampNs);
            if (timestamp is { } t && (t < spawnNs || t > received.ReceivedNs + FutureSlackNs))
            {
                var where = t < spawnNs ? "before the process was spawned" : "after the harness read the line";
                warnings.Add($"events line {received.LineNumber}: mark '{name}' has t_ns {t}, {where}; "
                             + "t_ns must come from CLOCK_MONOTONIC (Python time.monotonic_ns()); stamped on receipt instead");
                timestamp = null;
            }

            var offsetNs = (timestamp ?? received.ReceivedNs) - spawnNs;
            marks.Add(new Mark(name, offsetNs / 1e6, Stamped: timestamp is null)
            {
                CpuMs = received.Event.CpuNs / 1e6, Pid = received.Event.Pid,
            });
        }

        return marks;
    }
}
