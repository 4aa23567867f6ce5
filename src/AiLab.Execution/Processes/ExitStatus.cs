namespace AiLab.Execution.Processes;

/// <summary>How the main process ended and what its tree consumed, from wait4.</summary>
/// <param name="ExitCode">Exit code when it exited normally.</param>
/// <param name="Signal">Terminating signal when a signal killed it.</param>
/// <param name="CpuUserMs">User CPU time of the process and the descendants it waited for.</param>
/// <param name="CpuSystemMs">System CPU time, counted the same way.</param>
/// <param name="MaxRssBytes">ru_maxrss: the largest RSS of any single one of those processes.</param>
internal sealed record ExitStatus(int? ExitCode, int? Signal, double CpuUserMs, double CpuSystemMs, long MaxRssBytes)
{
    /// <summary>Decodes a wait status as the W* macros of sys/wait.h do.</summary>
    public static ExitStatus FromWaitStatus(int status, double cpuUserMs, double cpuSystemMs, long maxRssBytes)
    {
        var termSignal = status & 0x7f;
        return termSignal == 0
            ? new ExitStatus((status >> 8) & 0xff, null, cpuUserMs, cpuSystemMs, maxRssBytes)
            : new ExitStatus(null, termSignal, cpuUserMs, cpuSystemMs, maxRssBytes);
    }
}
