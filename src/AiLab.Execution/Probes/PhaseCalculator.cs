using System.Globalization;
using AiLab.Core.Trials;

namespace AiLab.Execution.Probes;

/// <summary>Computes phases from marks: each mark up to and including <c>first_batch</c> ends a phase that lasted
/// from the previous mark (or the process start).</summary>
internal static class PhaseCalculator
{
    /// <summary>Computes the phases of <paramref name="marks"/>, taken in order of arrival. A repeated phase name keeps
    /// its first occurrence; a mark earlier than the one before it yields a zero-length phase; both are warned about.</summary>
    public static PhaseBreakdown Compute(IReadOnlyList<Mark> marks)
    {
        var phases = new List<Phase>();
        var warnings = new List<string>();
        var phaseMarks = new Dictionary<string, Mark>(StringComparer.Ordinal);
        Mark? previous = null;
        double phaseStart = 0;
        double? ttfb = null;
        foreach (var mark in marks)
        {
            if (previous is not null && mark.OffsetMs < previous.OffsetMs)
                warnings.Add($"mark '{mark.Name}' at {Ms(mark.OffsetMs)} went backwards: it arrived after "
                             + $"'{previous.Name}' at {Ms(previous.OffsetMs)}");
            previous = mark;

            if (phaseMarks.TryGetValue(mark.Name, out var first))
            {
                warnings.Add($"mark '{mark.Name}' at {Ms(mark.OffsetMs)} repeats the one at {Ms(first.OffsetMs)}; "
                             + "the first one counts");
                continue;
            }

            if (ttfb is not null)
                continue;
            phaseMarks[mark.Name] = mark;
            var cpu = PhaseCpu(phaseMarks, phases, mark);
            phases.Add(new Phase(mark.Name, Math.Max(0, mark.OffsetMs - phaseStart), cpu));
            phaseStart = Math.Max(phaseStart, mark.OffsetMs);
            if (mark.Name == ProbeMarks.FirstBatch)
                ttfb = mark.OffsetMs;
        }

        return new PhaseBreakdown(phases, ttfb, warnings);
    }

    /// <summary>The CPU the marking process spent since the previous phase's mark: both marks must carry a stamp from
    /// the same process (a DataLoader worker's CPU clock is its own); the first phase counts from the process's start.
    /// A stamp that went backwards (another process without a pid) gives none.</summary>
    private static double? PhaseCpu(Dictionary<string, Mark> phaseMarks, List<Phase> phases, Mark mark)
    {
        if (mark.CpuMs is not { } end) return null;
        if (phases.Count == 0) return end;
        var previous = phaseMarks[phases[^1].Name];
        if (previous.CpuMs is not { } start || previous.Pid != mark.Pid || end < start) return null;
        return end - start;
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
