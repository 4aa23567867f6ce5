namespace AiLab.Execution.Processes;

/// <summary>Names of the Linux signals a workload is likely to die from.</summary>
internal static class SignalNames
{
    /// <summary>"signal 9 (SIGKILL)", with a hint where the usual cause is not obvious.</summary>
    public static string Describe(int signal) => signal switch
    {
        1 => "signal 1 (SIGHUP)",
        2 => "signal 2 (SIGINT)",
        3 => "signal 3 (SIGQUIT)",
        4 => "signal 4 (SIGILL)",
        6 => "signal 6 (SIGABRT)",
        7 => "signal 7 (SIGBUS)",
        8 => "signal 8 (SIGFPE)",
        9 => "signal 9 (SIGKILL; the kernel's OOM killer sends it when memory runs out)",
        11 => "signal 11 (SIGSEGV)",
        13 => "signal 13 (SIGPIPE)",
        14 => "signal 14 (SIGALRM)",
        15 => "signal 15 (SIGTERM)",
        24 => "signal 24 (SIGXCPU)",
        25 => "signal 25 (SIGXFSZ)",
        _ => $"signal {signal}",
    };
}
