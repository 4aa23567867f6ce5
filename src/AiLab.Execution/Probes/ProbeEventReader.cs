using AiLab.Execution.Processes;
using Microsoft.Win32.SafeHandles;

namespace AiLab.Execution.Probes;

/// <summary>Follows the events file while the workload appends to it, parsing each complete line as it arrives so
/// that lines without <c>t_ns</c> are stamped close to when they were written.</summary>
/// <remarks>The file may not exist until the workload first writes; once it does, one handle stays open and is read
/// from the last offset (no reopen, no cached length). Runs on its own thread so a busy thread pool cannot delay
/// stamping.</remarks>
internal sealed class ProbeEventReader
{
    private const int MaxWarnings = 20;
    private const int MaxLineBytes = 64 * 1024;

    private readonly string _path;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly List<ReceivedEvent> _events = [];
    private readonly List<string> _warnings = [];
    private readonly byte[] _buffer = new byte[16 * 1024];
    private byte[] _pending = new byte[1024];
    private int _pendingLength;
    private int _lineNumber;
    private int _suppressedWarnings;
    private int _lineCount;
    private long _offset;
    private SafeFileHandle? _handle;
    private Thread? _thread;
    private readonly Action<string, long>? _onMark;

    /// <summary>Prepares a reader for <paramref name="path"/>, polled every <paramref name="interval"/>;
    /// <paramref name="onMark"/> is called on the reader's thread with each mark's name and receipt time.</summary>
    public ProbeEventReader(string path, TimeSpan interval, Action<string, long>? onMark = null)
    {
        _path = path;
        _interval = interval;
        _onMark = onMark;
    }

    /// <summary>How many complete lines have been read so far (parsed or not); safe to read from any thread. Lets a
    /// caller wait for a line to have been received by the follower instead of guessing how long that takes.</summary>
    public int LinesRead => Volatile.Read(ref _lineCount);

    /// <summary>Starts following the file on a dedicated background thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "ailab-events" };
        _thread.Start();
    }

    /// <summary>Stops following, reads what is left (an unterminated last line counts, the writer is gone) and returns
    /// every event in order of arrival plus the warnings.</summary>
    public (IReadOnlyList<ReceivedEvent> Events, IReadOnlyList<string> Warnings) Stop()
    {
        if (_stop.IsSet)
            return (_events, _warnings);
        _stop.Set();
        _thread?.Join();
        ReadAvailable();
        if (_pendingLength > 0)
        {
            HandleLine(_pending.AsSpan(0, Math.Min(_pendingLength, MaxLineBytes)), MonotonicClock.NowNs());
            _pendingLength = 0;
        }

        _handle?.Dispose();
        if (_suppressedWarnings > 0)
            _warnings.Add($"{_suppressedWarnings} more unusable events lines were not listed");
        return (_events, _warnings);
    }

    private void Run()
    {
        do
        {
            ReadAvailable();
        }
        while (!_stop.Wait(_interval));
    }

    private void ReadAvailable()
    {
        if (_handle is null)
        {
            if (!File.Exists(_path))
                return;
            try
            {
                _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (IOException)
            {
                return;
            }
        }

        while (true)
        {
            var n = RandomAccess.Read(_handle, _buffer, _offset);
            if (n <= 0)
                return;
            // Stamped after the read: a clock read before it can precede a line the workload wrote in between, which
            // would then look as if its t_ns came from the future and be thrown away.
            var receivedNs = MonotonicClock.NowNs();
            _offset += n;
            Split(_buffer.AsSpan(0, n), receivedNs);
        }
    }

    private void Split(ReadOnlySpan<byte> chunk, long nowNs)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var piece = newline < 0 ? chunk : chunk[..newline];
            if (_pendingLength + piece.Length <= MaxLineBytes)
            {
                if (_pendingLength + piece.Length > _pending.Length)
                    Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + piece.Length));
                piece.CopyTo(_pending.AsSpan(_pendingLength));
            }

            // Bytes past MaxLineBytes are dropped but still counted, so the line fails to parse and is reported.
            _pendingLength += piece.Length;
            if (newline < 0)
                return;
            HandleLine(_pending.AsSpan(0, Math.Min(_pendingLength, MaxLineBytes)), nowNs);
            _pendingLength = 0;
            chunk = chunk[(newline + 1)..];
        }
    }

    private void HandleLine(ReadOnlySpan<byte> line, long receivedNs)
    {
        _lineNumber++;
        if (ProbeEventParser.TryParse(line, _lineNumber, out var probeEvent, out var warning))
        {
            _events.Add(new ReceivedEvent(probeEvent!, _lineNumber, receivedNs));
            _onMark?.Invoke(probeEvent!.Mark, receivedNs);
            if (warning is not null && _warnings.Count < MaxWarnings)
                _warnings.Add(warning);
        }
        else if (warning is not null && _warnings.Count < MaxWarnings)
            _warnings.Add(warning);
        else if (warning is not null)
            _suppressedWarnings++;
        Volatile.Write(ref _lineCount, _lineNumber);
    }
}
