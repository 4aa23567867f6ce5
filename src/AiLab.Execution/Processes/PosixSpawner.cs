using System.Runtime.InteropServices;
using System.Text;

namespace AiLab.Execution.Processes;

/// <summary>Starts a program (the command itself when it is simple, else <c>/bin/sh -c COMMAND</c>, see
/// <see cref="CommandLine"/>) with posix_spawn in a new session (so its whole tree can be signalled as
/// one process group), with default signal dispositions, an empty signal mask, /dev/null as stdin and stdout/stderr
/// on fresh pipes.</summary>
internal static unsafe class PosixSpawner
{
    /// <summary>Spawns the command. <paramref name="spawnTimestamp"/> is read immediately before posix_spawn, so that
    /// offsets of probe marks are measured from the instant the harness asked the kernel for the process; with a
    /// <paramref name="cgroup"/> the process is born inside it.</summary>
    public static SpawnOutcome Spawn(IReadOnlyList<string> argvList, string workingDirectory, IReadOnlyList<string> environment,
        IReadOnlyList<int>? cpus, out long spawnTimestamp, Containment.TrialCgroup? cgroup = null)
    {
        spawnTimestamp = 0;
        int* stdoutPipe = stackalloc int[2];
        int* stderrPipe = stackalloc int[2];
        if (LibC.Pipe2(stdoutPipe, LibC.OCloexec) != 0)
            return SpawnOutcome.Fail($"pipe2 failed: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        if (LibC.Pipe2(stderrPipe, LibC.OCloexec) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.Close(stdoutPipe[0]);
            LibC.Close(stdoutPipe[1]);
            return SpawnOutcome.Fail($"pipe2 failed: {LibC.ErrorText(errno)}");
        }

        var natives = new List<nint>();
        var attr = Alloc(natives, LibC.OpaqueBufferSize);
        var actions = Alloc(natives, LibC.OpaqueBufferSize);
        var emptyMask = Alloc(natives, LibC.OpaqueBufferSize);
        var allSignals = Alloc(natives, LibC.OpaqueBufferSize);
        var attrReady = false;
        var actionsReady = false;
        try
        {
            Check(LibC.PosixSpawnAttrInit(attr), "posix_spawnattr_init");
            attrReady = true;
            Check(LibC.PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsReady = true;

            // The .NET runtime blocks some signals on its threads and ignores SIGPIPE; neither may leak into the child.
            Check(LibC.SigEmptySet(emptyMask), "sigemptyset");
            Check(LibC.SigFillSet(allSignals), "sigfillset");
            Check(LibC.PosixSpawnAttrSetSigMask(attr, emptyMask), "posix_spawnattr_setsigmask");
            Check(LibC.PosixSpawnAttrSetSigDefault(attr, allSignals), "posix_spawnattr_setsigdefault");
            Check(LibC.PosixSpawnAttrSetFlags(attr,
                LibC.PosixSpawnSetSid | LibC.PosixSpawnSetSigMask | LibC.PosixSpawnSetSigDef), "posix_spawnattr_setflags");

            var devNull = Utf8(natives, "/dev/null");
            Check(LibC.PosixSpawnFileActionsAddOpen(actions, 0, devNull, LibC.ORdonly, 0), "posix_spawn_file_actions_addopen");
            Check(LibC.PosixSpawnFileActionsAddDup2(actions, stdoutPipe[1], 1), "posix_spawn_file_actions_adddup2");
            Check(LibC.PosixSpawnFileActionsAddDup2(actions, stderrPipe[1], 2), "posix_spawn_file_actions_adddup2");
            Check(LibC.PosixSpawnFileActionsAddChdir(actions, Utf8(natives, workingDirectory)),
                "posix_spawn_file_actions_addchdir_np");

            var argv = PointerArray(natives, argvList);
            var envp = PointerArray(natives, environment);
            var path = Utf8(natives, argvList[0]);

            int pid;
            int error;
            using (CpuAffinity.PinCallingThread(cpus))
            using (cgroup?.EnterCallingThread())
            {
                spawnTimestamp = MonotonicClock.NowNs();
                error = LibC.PosixSpawn(&pid, path, actions, attr, argv, envp);
            }

            if (error != 0)
            {
                CloseAll(stdoutPipe[0], stderrPipe[0]);
                return SpawnOutcome.Fail(
                    $"could not start '{argvList[0]}' in '{workingDirectory}': {LibC.ErrorText(error)}");
            }

            return SpawnOutcome.Started(new SpawnedProcess(pid, stdoutPipe[0], stderrPipe[0]));
        }
        catch
        {
            CloseAll(stdoutPipe[0], stderrPipe[0]);
            throw;
        }
        finally
        {
            // The child has its own copies of the write ends; ours must go so that EOF arrives when the tree exits.
            CloseAll(stdoutPipe[1], stderrPipe[1]);
            if (actionsReady)
                LibC.PosixSpawnFileActionsDestroy(actions);
            if (attrReady)
                LibC.PosixSpawnAttrDestroy(attr);
            foreach (var p in natives)
                NativeMemory.Free((void*)p);
        }
    }

    private static void CloseAll(params int[] fds)
    {
        foreach (var fd in fds)
            LibC.Close(fd);
    }

    private static void Check(int error, string call)
    {
        // These only fail on a broken libc or bad arguments: a bug, not a workload failure.
        if (error != 0)
            throw new InvalidOperationException($"{call} failed: {LibC.ErrorText(error)}");
    }

    private static void* Alloc(List<nint> natives, int size)
    {
        var p = NativeMemory.AllocZeroed((nuint)size);
        natives.Add((nint)p);
        return p;
    }

    private static byte* Utf8(List<nint> natives, string s)
    {
        if (s.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"Strings passed to a process cannot contain NUL: '{s.Replace("\0", "\\0", StringComparison.Ordinal)}'.");
        var count = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)Alloc(natives, count + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, count));
        return p;
    }

    private static byte** PointerArray(List<nint> natives, IReadOnlyList<string> items)
    {
        var array = (byte**)Alloc(natives, (items.Count + 1) * sizeof(nint));
        for (var i = 0; i < items.Count; i++)
            array[i] = Utf8(natives, items[i]);
        return array;
    }
}
