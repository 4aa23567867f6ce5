namespace AiLab.Execution.Processes;

/// <summary>Signals a trial's whole process group (and its session, for members that moved to another group).</summary>
/// <remarks>Callers keep the group leader unreaped (see <see cref="ChildWaiter"/>) while they signal, so the group id
/// cannot have been reused by an unrelated process.</remarks>
internal static class ProcessGroupKiller
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan KillSettleLimit = TimeSpan.FromSeconds(2);

    /// <summary>SIGTERM to the group, then SIGKILL to whatever is left after <paramref name="grace"/>; returns once the
    /// leader has exited, with true when something outlived the grace period and had to be SIGKILLed.</summary>
    public static async Task<bool> TerminateAsync(int leaderPid, Task leaderExited, TimeSpan grace,
        Containment.TrialCgroup? cgroup = null)
    {
        // Each process gets one SIGTERM: the group's members through the group, then only the cgroup's members that
        // left the group (setsid). A second SIGTERM can land while a handler's sys.exit is finalizing the interpreter,
        // which has already restored the default action, and turn the handler's exit code into death by signal.
        var inGroup = ProcFs.FindGroupMembers(leaderPid, includeLeader: true).ToHashSet();
        LibC.Kill(-leaderPid, LibC.SigTerm);
        if (cgroup is not null)
        {
            foreach (var pid in cgroup.LiveMembers(leaderPid).Where(p => !inGroup.Contains(p)))
                LibC.Kill(pid, LibC.SigTerm);
        }
        var deadline = MonotonicClock.NowNs() + (long)grace.TotalNanoseconds;
        // Give the whole tree the grace period, not only the leader: a grandchild may need it to flush.
        while (MonotonicClock.NowNs() < deadline
               && (!leaderExited.IsCompleted || ProcFs.FindGroupMembers(leaderPid, includeLeader: false).Count > 0
                   || cgroup?.LiveMembers(leaderPid).Count > 0))
            await Task.Delay(PollInterval).ConfigureAwait(false);

        var forced = !leaderExited.IsCompleted || ProcFs.FindGroupMembers(leaderPid, includeLeader: false).Count > 0
                     || cgroup?.LiveMembers(leaderPid).Count > 0;
        KillLeftovers(leaderPid);
        cgroup?.KillAll(leaderPid);
        await leaderExited.ConfigureAwait(false);
        KillLeftovers(leaderPid);
        cgroup?.KillAll(leaderPid);
        return forced;
    }

    /// <summary>SIGKILLs every live member of the group or session except a dead leader, until none is left; returns
    /// how many distinct processes it killed.</summary>
    public static int KillLeftovers(int leaderPid)
    {
        var killed = new HashSet<int>();
        var deadline = MonotonicClock.NowNs() + (long)KillSettleLimit.TotalNanoseconds;
        while (true)
        {
            var members = ProcFs.FindGroupMembers(leaderPid, includeLeader: true);
            if (members.Count == 0)
                return killed.Count;
            LibC.Kill(-leaderPid, LibC.SigKill);
            foreach (var pid in members)
            {
                LibC.Kill(pid, LibC.SigKill);
                if (pid != leaderPid)
                    killed.Add(pid);
            }

            // SIGKILLed processes take a moment to become zombies; processes stuck in the kernel (D state) longer.
            if (MonotonicClock.NowNs() > deadline)
                return killed.Count;
            Thread.Sleep(PollInterval);
        }
    }
}
