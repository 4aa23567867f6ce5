namespace AiLab.Probe;

/// <summary>A file opened so that each <see cref="Append"/> lands whole at its end, even with other writers.</summary>
internal abstract class AppendOnlyFile : IDisposable
{
    /// <summary>Opens (creating if needed) <paramref name="path"/> for appending; throws <see cref="IOException"/> on failure.</summary>
    public static AppendOnlyFile Open(string path) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()
            ? UnixAppendFile.Open(path)
            : new StreamAppendFile(path);

    /// <summary>Writes <paramref name="bytes"/> at the end of the file in one call; throws <see cref="IOException"/> on failure.</summary>
    public abstract void Append(ReadOnlySpan<byte> bytes);

    /// <inheritdoc/>
    public abstract void Dispose();
}
