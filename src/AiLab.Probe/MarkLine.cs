using System.Globalization;
using System.Text;

namespace AiLab.Probe;

/// <summary>Encodes one protocol line, <c>{"mark":"NAME","t_ns":N}\n</c>, as UTF-8 bytes.</summary>
internal static class MarkLine
{
    /// <summary>The line for mark <paramref name="name"/> at <paramref name="nanoseconds"/>, newline included.</summary>
    public static byte[] Encode(string name, long nanoseconds)
    {
        var builder = new StringBuilder(name.Length + 40);
        builder.Append("{\"mark\":\"");
        AppendEscaped(builder, name);
        builder.Append("\",\"t_ns\":");
        builder.Append(nanoseconds.ToString(CultureInfo.InvariantCulture));
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
