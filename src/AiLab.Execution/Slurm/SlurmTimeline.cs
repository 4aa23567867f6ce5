using AiLab.Core.Trials;
using AiLab.Execution.Probes;

namespace AiLab.Execution.Slurm;

/// <summary>Puts a Slurm trial on one clock: the submitting host's. TTFB starts at the submit; the hand-over point is
/// the node's wall-clock stamp taken just before the workload starts, converted to the host's clock with the measured
/// offset, and the <c>queue</c> phase ends there. The workload's marks carry the node's CLOCK_MONOTONIC; one
/// simultaneous reading of the node's wall and monotonic clocks maps them onto the node's wall clock and the offset
/// onto the host's. Marks without <c>t_ns</c> are stamped when the host read them (exact on one host; late by the
/// shared file system's delay on a real cluster).</summary>
internal static class SlurmTimeline
{
    /// <summary>The mark (and phase) that ends when the workload starts on the node.</summary>
    public const string QueueMark = "queue";

    /// <summary>Slack for rounding between the two clocks of one node (a t_ns this far past the workload's end is not
    /// CLOCK_MONOTONIC).</summary>
    private const long SlackNs = 2_000_000;

    /// <summary>The host's submit instant, on both its clocks.</summary>
    public sealed record Submit(long WallNs, long MonotonicNs);

    /// <summary>The trial on the host's clock: offsets in ms from the submit.</summary>
    public sealed record Result(double QueueMs, double WallMs, double? OffsetMs, double? OffsetUncertaintyMs,
        IReadOnlyList<Mark> Marks);

    /// <summary>Converts <paramref name="handover"/> and the received <paramref name="events"/> to marks counted
    /// from <paramref name="submit"/>; problems go to <paramref name="warnings"/>.</summary>
    public static Result Build(Submit submit, Handover handover, long? pongHostWallNs,
        IEnumerable<ReceivedEvent> events, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(handover);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(warnings);
        double? offsetMs = null, uncertaintyMs = null;
        long offsetNs = 0;
        if (handover.PingSentNs is { } ping && handover.PongSeenNs is { } seen && pongHostWallNs is { } answered)
        {
            // NTP's estimate from one exchange: the host answered halfway through the node's round trip, give or take
            // half of it.
            var measuredNs = (ping + seen) / 2 - answered;
            offsetMs = measuredNs / 1e6;
            uncertaintyMs = (seen - ping) / 2e6;
            // An offset smaller than its own uncertainty is indistinguishable from zero (one host, or NTP-synced
            // nodes): correcting by it would only move noise from the queue phase into the first workload phase.
            offsetNs = Math.Abs(measuredNs) > (seen - ping) / 2 ? measuredNs : 0;
        }
        else
        {
            warnings.Add("the node's clock offset was not measured (no ping/pong through the shared directory); the "
                         + "node's and this host's wall clocks are assumed equal, so the queue phase is only as right "
                         + "as their synchronisation (docs/slurm.md)");
        }

        double OnHost(long nodeWallNs) => (nodeWallNs - offsetNs - submit.WallNs) / 1e6;
        var queueMs = OnHost(handover.StartedNs);
        if (queueMs < 0)
        {
            warnings.Add($"the workload started {-queueMs:0.0} ms before the submit on this host's clock: the clock "
                         + "offset is off by at least that much; queue counted as 0");
            queueMs = 0;
        }

        var wallMs = Math.Max(queueMs, OnHost(handover.EndedNs));
        var marks = new List<Mark> { new(QueueMark, queueMs) };
        long? nodeWallMinusMono = handover.PairRealtimeNs - handover.PairMonotonicNs;
        var startMono = handover.StartedNs - nodeWallMinusMono;
        var endMono = handover.EndedNs - nodeWallMinusMono;
        var noPairWarned = false;
        foreach (var received in events)
        {
            var (name, t) = (received.Event.Mark, received.Event.TimestampNs);
            if (t is not null && nodeWallMinusMono is null)
            {
                if (!noPairWarned)
                    warnings.Add("the node could not read its monotonic clock (python3 missing on the node?); marks' "
                                 + "t_ns were ignored and the marks stamped when this host read them");
                noPairWarned = true;
                t = null;
            }
            else if (t is { } ns && (ns < startMono - SlackNs || ns > endMono + SlackNs))
            {
                warnings.Add($"events line {received.LineNumber}: mark '{name}' has t_ns {ns}, outside the workload's "
                             + "run on the node; t_ns must come from CLOCK_MONOTONIC (Python time.monotonic_ns()); "
                             + "stamped on receipt instead");
                t = null;
            }

            var offset = t is { } mono
                ? OnHost(mono + nodeWallMinusMono!.Value)
                : (received.ReceivedNs - submit.MonotonicNs) / 1e6;
            marks.Add(new Mark(name, Math.Max(queueMs, offset), Stamped: t is null)
            {
                CpuMs = received.Event.CpuNs / 1e6, Pid = received.Event.Pid,
            });
        }

        return new Result(queueMs, wallMs, offsetMs, uncertaintyMs, marks);
    }
}
