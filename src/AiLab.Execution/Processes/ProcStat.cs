using System.Buffers.Text;

namespace AiLab.Execution.Processes;

/// <summary>The fields of <c>/proc/PID/stat</c> the executor uses (see proc(5)).</summary>
/// <param name="State">Field 3: R, S, D, Z (zombie), ...</param>
/// <param name="ProcessGroup">Field 5: pgrp.</param>
/// <param name="Session">Field 6: session id.</param>
/// <param name="Threads">Field 20: num_threads.</param>
/// <param name="RssPages">Field 24: resident set size in pages (the same count as VmRSS).</param>
internal readonly record struct ProcStat(char State, int ProcessGroup, int Session, int Threads, long RssPages)
{
    /// <summary>True for a process that has exited but was not reaped yet.</summary>
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>Parses the content of <c>/proc/PID/stat</c>; false when it is not in the expected shape.</summary>
    public static bool TryParse(ReadOnlySpan<byte> stat, out ProcStat result)
    {
        result = default;
        // comm (field 2) may contain spaces and parentheses; everything after the last ')' is space-separated.
        var close = stat.LastIndexOf((byte)')');
        if (close < 0)
            return false;
        var rest = stat[(close + 1)..];
        char state = '?';
        long pgrp = 0, session = 0, threads = 0, rss = 0;
        var field = 2;
        while (!rest.IsEmpty && field < 24)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            field++;
            switch (field)
            {
                case 3 when token.Length > 0: state = (char)token[0]; break;
                case 5: if (!Utf8Parser.TryParse(token, out pgrp, out _)) return false; break;
                case 6: if (!Utf8Parser.TryParse(token, out session, out _)) return false; break;
                case 20: if (!Utf8Parser.TryParse(token, out threads, out _)) return false; break;
                case 24: if (!Utf8Parser.TryParse(token, out rss, out _)) return false; break;
            }
        }

        if (field < 24)
            return false;
        result = new ProcStat(state, (int)pgrp, (int)session, (int)threads, rss);
        return true;
    }
}
