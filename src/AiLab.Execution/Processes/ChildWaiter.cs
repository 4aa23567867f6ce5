using System.Runtime.InteropServices;

namespace AiLab.Execution.Processes;

/// <summary>Waits for the trial's main process on a dedicated thread and reaps it with wait4 for its rusage.</summary>
/// <remarks>The wait is split in two: waitid(WNOWAIT) notices the exit without reaping, so the pid (which is also the
/// process-group id) cannot be reused while leftover members of the group are killed; <see cref="Reap"/> then collects
/// the status and the rusage. The .NET runtime only reaps children it started itself, so it never steals this one.</remarks>
internal sealed unsafe class ChildWaiter
{
    private readonly int _pid;
    private readonly TaskCompletionSource<long> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts waiting for <paramref name="pid"/>.</summary>
    public ChildWaiter(int pid)
    {
        _pid = pid;
        new Thread(WaitForExit) { IsBackground = true, Name = $"ailab-wait-{pid}" }.Start();
    }

    /// <summary>Completes with the CLOCK_MONOTONIC nanosecond stamp taken as soon as the process exited.</summary>
    public Task<long> Exited => _exited.Task;

    /// <summary>Reaps the exited process; call only after <see cref="Exited"/> completed.</summary>
    public ExitStatus Reap()
    {
        int status;
        LibC.RUsage usage;
        int result;
        do
        {
            result = LibC.Wait4(_pid, &status, 0, &usage);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr);

        if (result != _pid)
            throw new InvalidOperationException(
                $"wait4({_pid}) failed: {LibC.ErrorText(Marshal.GetLastPInvokeError())}; something else reaped the trial's process");
        return ExitStatus.FromWaitStatus(status,
            usage.UserSeconds * 1e3 + usage.UserMicroseconds / 1e3,
            usage.SystemSeconds * 1e3 + usage.SystemMicroseconds / 1e3,
            usage.MaxRssKiB * 1024);
    }

    private void WaitForExit()
    {
        var info = NativeMemory.AllocZeroed(LibC.OpaqueBufferSize);
        try
        {
            while (true)
            {
                if (LibC.WaitId(LibC.PPid, _pid, info, LibC.WExited | LibC.WNoWait) == 0)
                {
                    _exited.TrySetResult(MonotonicClock.NowNs());
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EIntr)
                {
                    _exited.TrySetException(new InvalidOperationException(
                        $"waitid({_pid}) failed: {LibC.ErrorText(errno)}"));
                    return;
                }
            }
        }
        finally
        {
            NativeMemory.Free(info);
        }
    }
}
