using System.Text;
using System.Text.Json;

namespace AiLab.Execution.Probes;

/// <summary>Parses lines of the probe protocol, <c>{"mark": "name", "t_ns": 123}</c> with <c>t_ns</c> optional.
/// A line it cannot use becomes a warning naming the line, never a silent drop.</summary>
internal static class ProbeEventParser
{
    private const int SnippetLength = 80;
    private const string Expected = """(expected {"mark": "...", "t_ns": N})""";

    /// <summary>Parses one line (without its newline). Returns false for blank lines (no warning) and for unusable
    /// lines (with <paramref name="warning"/> set); true with a warning set when only an optional field was
    /// unusable.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, int lineNumber, out ProbeEvent? probeEvent, out string? warning)
    {
        probeEvent = null;
        warning = null;
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
            return false;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            warning = Warn(lineNumber, "not JSON", line);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                warning = Warn(lineNumber, "not a JSON object", line);
                return false;
            }

            if (!root.TryGetProperty("mark", out var mark) || mark.ValueKind != JsonValueKind.String)
            {
                warning = Warn(lineNumber, "no \"mark\" string", line);
                return false;
            }

            string? name;
            try
            {
                name = mark.GetString();
            }
            catch (InvalidOperationException)
            {
                // Found by the fuzzer: an escaped lone surrogate ("\ud800") is valid JSON but no valid string.
                warning = Warn(lineNumber, "\"mark\" is not valid Unicode text", line);
                return false;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                warning = Warn(lineNumber, "no \"mark\" string", line);
                return false;
            }

            long? timestamp = null;
            if (root.TryGetProperty("t_ns", out var tNs) && tNs.ValueKind != JsonValueKind.Null)
            {
                if (tNs.ValueKind != JsonValueKind.Number || !tNs.TryGetInt64(out var value))
                {
                    warning = Warn(lineNumber, "\"t_ns\" is not an integer number of nanoseconds", line);
                    return false;
                }

                timestamp = value;
            }

            // Optional and newer than the protocol: a bad value drops the CPU stamp with a warning, never the mark.
            long? cpu = null;
            int? pid = null;
            if (root.TryGetProperty("cpu_ns", out var cpuNs) && cpuNs.ValueKind != JsonValueKind.Null)
            {
                if (cpuNs.ValueKind == JsonValueKind.Number && cpuNs.TryGetInt64(out var c) && c >= 0)
                    cpu = c;
                else
                    warning = Warn(lineNumber, "\"cpu_ns\" is not a non-negative integer number of nanoseconds; "
                                               + "the mark is kept without its CPU time", line);
            }

            if (root.TryGetProperty("pid", out var pidValue) && pidValue.ValueKind != JsonValueKind.Null)
            {
                if (pidValue.ValueKind == JsonValueKind.Number && pidValue.TryGetInt32(out var p) && p > 0)
                    pid = p;
                else
                    warning = Warn(lineNumber, "\"pid\" is not a process id; the mark is kept without it", line);
            }

            probeEvent = new ProbeEvent(name, timestamp, cpu, pid);
            return true;
        }
    }

    private static string Warn(int lineNumber, string problem, ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        if (text.Length > SnippetLength)
            text = string.Concat(text.AsSpan(0, SnippetLength), "...");
        return $"events line {lineNumber}: {problem}: {text} {Expected}";
    }
}
