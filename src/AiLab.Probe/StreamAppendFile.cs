namespace AiLab.Probe;

/// <summary>The <see cref="AppendOnlyFile"/> fallback off Unix: an unbuffered <see cref="FileStream"/> in append mode.</summary>
/// <remarks>Whole lines from one process, but no guarantee against a second process appending at the same time.</remarks>
internal sealed class StreamAppendFile(string path) : AppendOnlyFile
{
    private readonly FileStream _stream = new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    /// <inheritdoc/>
    public override void Append(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    /// <inheritdoc/>
    public override void Dispose() => _stream.Dispose();
}
