using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace AiLab.Execution.Processes;

/// <summary>Copies a trial's stdout and stderr pipes into its log as they arrive, line by line, and watches the lines
/// for the fallback <c>first_batch</c> pattern.</summary>
/// <remarks>One dedicated thread polls both pipes, so a workload that never ends a line or a leftover process that
/// keeps a pipe open can never block the harness: <see cref="Stop"/> ends the pump whatever the pipes do.</remarks>
internal sealed unsafe class OutputPump : IDisposable
{
    private const int PollTimeoutMs = 100;
    private const int ReadBufferSize = 64 * 1024;
    private const int FinalDrainReads = 256;

    private readonly FileStream _log;
    private readonly Regex? _pattern;
    private readonly PendingLine[] _streams;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _eof = new(false, spinCount: 0);
    private volatile bool _stopRequested;
    private byte[] _lastLine = [];
    private int _lastLineLength;
    private long? _patternMatchNs;
    private readonly Action<long>? _onPatternMatch;

    /// <summary>Starts pumping the two pipe read ends into <paramref name="log"/>; it owns and closes all three.
    /// <paramref name="onPatternMatch"/> is called on the pump's thread when the first matching line arrives.</summary>
    public OutputPump(int stdoutFd, int stderrFd, FileStream log, Regex? firstBatchPattern,
        Action<long>? onPatternMatch = null)
    {
        _log = log;
        _pattern = firstBatchPattern;
        _onPatternMatch = onPatternMatch;
        _streams = [new PendingLine(stdoutFd), new PendingLine(stderrFd)];
        _thread = new Thread(Run) { IsBackground = true, Name = $"ailab-output-{stdoutFd}" };
        _thread.Start();
    }

    /// <summary>CLOCK_MONOTONIC nanoseconds at which the first line matching the pattern arrived, if one did; read it
    /// after <see cref="Stop"/>.</summary>
    public long? PatternMatchNs => _patternMatchNs;

    /// <summary>Waits until both pipes reached end-of-file; false if some process still holds one open.</summary>
    public bool WaitForEof(TimeSpan timeout) => _eof.Wait(timeout);

    /// <summary>Reads what is already buffered in the pipes, writes the unterminated last lines, stops and returns
    /// the last non-empty line of output (for failure reasons).</summary>
    public string? Stop()
    {
        _stopRequested = true;
        _thread.Join();
        return _lastLineLength == 0 ? null : Encoding.UTF8.GetString(_lastLine, 0, _lastLineLength);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_thread.IsAlive)
            Stop();
        foreach (var stream in _streams)
        {
            if (stream.Fd >= 0)
                LibC.Close(stream.Fd);
            stream.Fd = -1;
        }

        _log.Dispose();
        _eof.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[ReadBufferSize];
        var fds = stackalloc LibC.PollFd[2];
        var drainReads = 0;
        while (true)
        {
            if (_streams.All(s => s.AtEof))
                break;
            for (var i = 0; i < 2; i++)
                fds[i] = new LibC.PollFd { Fd = _streams[i].AtEof ? -1 : _streams[i].Fd, Events = LibC.PollIn };

            var stopping = _stopRequested;
            var ready = LibC.Poll(fds, 2, stopping ? 0 : PollTimeoutMs);
            if (ready < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr)
                continue;
            if (ready <= 0 || (stopping && ++drainReads > FinalDrainReads))
            {
                if (stopping)
                    break;
                continue;
            }

            var now = MonotonicClock.NowNs();
            for (var i = 0; i < 2; i++)
            {
                if (fds[i].REvents == 0)
                    continue;
                fixed (byte* b = buffer)
                {
                    var n = LibC.Read(_streams[i].Fd, b, buffer.Length);
                    if (n > 0)
                        Consume(_streams[i], buffer.AsSpan(0, (int)n), now);
                    else if (n == 0 || Marshal.GetLastPInvokeError() is not (LibC.EIntr or LibC.EAgain))
                        Finish(_streams[i], now);
                }
            }
        }

        foreach (var stream in _streams)
            Finish(stream, MonotonicClock.NowNs());
        _log.Flush();
    }

    private void Consume(PendingLine stream, ReadOnlySpan<byte> chunk, long receivedNs)
    {
        stream.Append(chunk);
        var complete = stream.Data.LastIndexOf((byte)'\n') + 1;
        if (complete == 0 && stream.Data.Length < ReadBufferSize)
            return;
        // A line longer than the read buffer is written in pieces rather than buffered without bound.
        if (complete == 0)
            complete = stream.Data.Length;
        var lines = stream.Data[..complete];
        _log.Write(lines);
        ScanLines(lines, receivedNs);
        stream.Consume(complete);
    }

    private void Finish(PendingLine stream, long receivedNs)
    {
        if (stream.AtEof)
            return;
        if (stream.Data.Length > 0)
        {
            _log.Write(stream.Data);
            ScanLines(stream.Data, receivedNs);
            stream.Consume(stream.Data.Length);
        }

        stream.ReachedEof = !_stopRequested;
        stream.AtEof = true;
        if (_streams.All(s => s.ReachedEof))
            _eof.Set();
    }

    private void ScanLines(ReadOnlySpan<byte> text, long receivedNs)
    {
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range].TrimEnd((byte)'\r');
            if (line.Trim(" \t"u8).IsEmpty)
                continue;
            if (_lastLine.Length < line.Length)
                _lastLine = new byte[Math.Max(line.Length, 256)];
            line.CopyTo(_lastLine);
            _lastLineLength = line.Length;
            if (_pattern is not null && _patternMatchNs is null && _pattern.IsMatch(Encoding.UTF8.GetString(line)))
            {
                _patternMatchNs = receivedNs;
                _onPatternMatch?.Invoke(receivedNs);
            }
        }
    }

    /// <summary>One pipe and the bytes of its unfinished line.</summary>
    private sealed class PendingLine(int fd)
    {
        private byte[] _buffer = new byte[4096];
        private int _length;

        public int Fd { get; set; } = fd;

        public bool AtEof { get; set; }

        public bool ReachedEof { get; set; }

        public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _length);

        public void Append(ReadOnlySpan<byte> chunk)
        {
            if (_length + chunk.Length > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + chunk.Length));
            chunk.CopyTo(_buffer.AsSpan(_length));
            _length += chunk.Length;
        }

        public void Consume(int count)
        {
            _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
            _length -= count;
        }
    }
}
