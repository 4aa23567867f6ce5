using System.Globalization;
using System.Text;

namespace AiLab.Probe;

/// <summary>Encodes one protocol line, <c>{"mark":"NAME","t_ns":N,"cpu_ns":C,"pid":P}\n</c>, as UTF-8 bytes:
/// <c>cpu_ns</c> is the process's user + system CPU time so far and <c>pid</c> the process, from which the harness
/// derives each phase's CPU time (both optional in the protocol).</summary>
internal static class MarkLine
{
    /// <summary>The line for mark <paramref name="name"/> at <paramref name="nanoseconds"/>, newline included.</summary>
    public static byte[] Encode(string name, long nanoseconds, long? cpuNanoseconds = null, int? pid = null)
    {
        var builder = new StringBuilder(name.Length + 40);
        builder.Append("{\"mark\":\"");
        AppendEscaped(builder, name);
        builder.Append("\",\"t_ns\":");
        builder.Append(nanoseconds.ToString(CultureInfo.InvariantCulture));
        if (cpuNanoseconds is { } cpu)
            builder.Append(",\"cpu_ns\":").Append(cpu.ToString(CultureInfo.InvariantCulture));
        if (pid is { } id)
            builder.Append(",\"pid\":").Append(id.ToString(CultureInfo.InvariantCulture));
        builder.Append("}\n");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    // Everything outside printable ASCII becomes \uXXXX (surrogate pairs as two escapes, as JSON allows),
    // so the line is plain ASCII and no reader can mis-decode it or split it on an embedded newline.
    private static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case >= ' ' and <= '~': builder.Append(c); break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
