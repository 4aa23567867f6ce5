using System.Runtime.InteropServices;

namespace AiLab.Probe;

/// <summary>An <see cref="AppendOnlyFile"/> opened with <c>O_APPEND</c> and written with one <c>write(2)</c> per line.</summary>
/// <remarks>
/// .NET 10's <c>FileMode.Append</c> does not set <c>O_APPEND</c> on Unix: it seeks to the end once and then
/// <c>pwrite</c>s at its own offset, so two processes appending to one events file overwrite each other's
/// lines. <c>fopen(path, "a")</c> is the portable, non-variadic way to get an <c>O_APPEND</c> descriptor
/// (P/Invoking the variadic <c>open</c> is unsafe on some ABIs); the stdio buffer is never used.
/// </remarks>
internal sealed partial class UnixAppendFile : AppendOnlyFile
{
    private const int Eintr = 4;
    private readonly nint _stream;
    private readonly int _descriptor;
    private int _disposed;

    private UnixAppendFile(nint stream, int descriptor)
    {
        _stream = stream;
        _descriptor = descriptor;
    }

    /// <summary>Opens <paramref name="path"/> for appending, creating it (mode 0666 less the umask) if needed.</summary>
    public static new UnixAppendFile Open(string path)
    {
        // "e" (close-on-exec) is a glibc/musl extension; elsewhere a child inheriting the descriptor is harmless.
        var stream = FOpen(path, OperatingSystem.IsLinux() ? "ae" : "a");
        if (stream == 0)
        {
            throw LastError($"cannot open '{path}'");
        }

        var descriptor = FileNo(stream);
        if (descriptor < 0)
        {
            var error = LastError($"cannot get the descriptor of '{path}'");
            _ = FClose(stream);
            throw error;
        }

        return new UnixAppendFile(stream, descriptor);
    }

    /// <inheritdoc/>
    public override void Append(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        while (!bytes.IsEmpty)
        {
            var written = Write(_descriptor, bytes, (nuint)bytes.Length);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr)
                {
                    continue;
                }

                throw LastError("write failed");
            }

            // A short write only happens on a full disk or a signal; finishing the line beats leaving half of it.
            bytes = bytes[(int)written..];
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = FClose(_stream);
        }
    }

    private static IOException LastError(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    [LibraryImport("libc", EntryPoint = "fopen", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint FOpen(string path, string mode);

    [LibraryImport("libc", EntryPoint = "fileno", SetLastError = true)]
    private static partial int FileNo(nint stream);

    [LibraryImport("libc", EntryPoint = "fclose", SetLastError = true)]
    private static partial int FClose(nint stream);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int descriptor, ReadOnlySpan<byte> buffer, nuint count);
}
