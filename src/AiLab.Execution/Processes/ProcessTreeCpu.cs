using System.Globalization;
using AiLab.Execution.Processes.Containment;

namespace AiLab.Execution.Processes;

/// <summary>The CPU time a running trial's process tree has used so far, read once from /proc when its measurement
/// is done, so that what it spends afterwards (the cost stopping saves) can be told from what it spent before.</summary>
/// <remarks>The leader's utime + stime + cutime + cstime (proc(5) fields 14-17: its own and its waited-for
/// children's), plus utime + stime of every other live member of its process group, session or cgroup. The kernel
/// reports them in USER_HZ ticks, fixed at 100 per second for /proc on Linux, so the resolution is 10 ms. It agrees
/// with the wait4 rusage the trial's total comes from for the same processes.</remarks>
internal static class ProcessTreeCpu
{
    private const double MsPerTick = 10;

    /// <summary>CPU milliseconds used so far by the tree under <paramref name="leaderPid"/>; null when the leader's
    /// stat cannot be read.</summary>
    public static double? ReadMs(int leaderPid, TrialCgroup? cgroup)
    {
        if (ReadTicks(leaderPid, withChildren: true) is not { } total)
            return null;
        var others = new HashSet<int>(ProcFs.FindGroupMembers(leaderPid, includeLeader: false));
        if (cgroup is not null)
            others.UnionWith(cgroup.LiveMembers(leaderPid));
        foreach (var pid in others)
            total += ReadTicks(pid, withChildren: false) ?? 0;
        return total * MsPerTick;
    }

    /// <summary>Parses fields 14-17 of a <c>/proc/PID/stat</c> line; null when it is not in that shape.</summary>
    public static long? ParseTicks(string stat, bool withChildren)
    {
        ArgumentNullException.ThrowIfNull(stat);
        // comm (field 2) may hold spaces and parentheses; the fields after the last ')' start at field 3.
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3, so field N is fields[N - 3].
        if (fields.Length < 15)
            return null;
        long sum = 0;
        for (var field = 14; field <= (withChildren ? 17 : 15); field++)
        {
            if (!long.TryParse(fields[field - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
                return null;
            sum += ticks;
        }

        return sum;
    }

    private static long? ReadTicks(int pid, bool withChildren)
    {
        try
        {
            return ParseTicks(File.ReadAllText($"/proc/{pid}/stat"), withChildren);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
