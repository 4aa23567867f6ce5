using System.Runtime.InteropServices;

namespace AiLab.Execution.Processes;

/// <summary>The few libc calls the local executor needs: System.Diagnostics.Process can neither start a process in
/// its own session nor report the rusage of its tree.</summary>
/// <remarks>Opaque glibc structs (posix_spawnattr_t, posix_spawn_file_actions_t, sigset_t, siginfo_t) are passed as
/// generously sized zeroed native buffers initialised by libc itself, so no layout is hard-coded except rusage's
/// (two 16-byte timevals, then longs; identical on x86_64 and aarch64 glibc).</remarks>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    /// <summary>Size of the native buffers handed to libc for opaque structs (all are well below it on glibc).</summary>
    public const int OpaqueBufferSize = 1024;

    public const short PosixSpawnSetSigDef = 0x04;
    public const short PosixSpawnSetSigMask = 0x08;
    public const short PosixSpawnSetSid = 0x80;

    public const int OCloexec = 0x80000;
    public const int ORdonly = 0;
    public const int ONonblock = 0x800;

    public const int PPid = 1;
    public const int WExited = 4;
    public const int WNoWait = 0x01000000;

    public const int SigKill = 9;
    public const int SigTerm = 15;

    public const short PollIn = 0x001;

    public const int EIntr = 4;
    public const int EAgain = 11;

    [LibraryImport(Lib, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_init")]
    public static partial int PosixSpawnAttrInit(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int PosixSpawnAttrDestroy(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int PosixSpawnAttrSetFlags(void* attr, short flags);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int PosixSpawnAttrSetSigMask(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int PosixSpawnAttrSetSigDefault(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int PosixSpawnFileActionsInit(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int PosixSpawnFileActionsDestroy(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int PosixSpawnFileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int PosixSpawnFileActionsAddOpen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static partial int PosixSpawnFileActionsAddChdir(void* actions, byte* path);

    [LibraryImport(Lib, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* set);

    [LibraryImport(Lib, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* set);

    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "waitid", SetLastError = true)]
    public static partial int WaitId(int idType, int id, void* info, int options);

    [LibraryImport(Lib, EntryPoint = "wait4", SetLastError = true)]
    public static partial int Wait4(int pid, int* status, int options, RUsage* usage);

    [LibraryImport(Lib, EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    /// <summary>struct rusage on 64-bit glibc: the two timevals, then ru_maxrss (KiB) and thirteen more longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKiB;
        public fixed long Rest[13];
    }

    /// <summary>The error text for an errno value, as strerror gives it.</summary>
    public static string ErrorText(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
