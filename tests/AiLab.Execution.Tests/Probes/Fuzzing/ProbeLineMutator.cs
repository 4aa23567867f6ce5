using System.Text;

namespace AiLab.Execution.Tests.Probes.Fuzzing;

/// <summary>Structure-aware probe lines: the protocol's object with its members' values, order, names and
/// encodings varied (t_ns at and past the integer edges, marks empty, huge or not strings, JSON dialects, invalid
/// UTF-8, megabyte lines). Deterministic for a seed.</summary>
internal sealed class ProbeLineMutator(int seed)
{
    private static readonly string[] TimeValues =
    [
        "0", "1", "-1", "123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e30", "1E3", "1.0", "1.5", "-0", "0.0", "00", "01", "+1", ".5", "NaN", "Infinity", "-Infinity",
        "\"12\"", "null", "true", "[]", "{}", "[1]", "0x10", "1_000", "99999999999999999999999999999999999999999",
    ];

    private static readonly string[] MarkValues =
    [
        "\"imports\"", "\"first_batch\"", "\"\"", "\" \"", "\"\\t\"", "\"é\"", "\"😀\"", "\"\\u0000\"", "\"\\ud800\"", "\"a\\\"b\"",
        "\"名前\"", "\"\\u202e\"", "null", "1", "true", "[]", "{}", "[\"x\"]", "\"unterminated",
    ];

    private readonly Random random = new(seed);

    /// <summary>The next line, as the bytes a workload would write (no newline).</summary>
    public byte[] Next()
    {
        var members = new List<string>();
        if (random.Next(8) != 0) members.Add($"\"mark\": {Mark()}");
        if (random.Next(4) != 0) members.Add($"\"t_ns\": {Pick(TimeValues)}");
        if (random.Next(5) == 0) members.Add($"\"{Pick(["extra", "mark", "t_ns", "T_NS", "Mark", ""])}\": {Pick([.. TimeValues, .. MarkValues])}");
        if (random.Next(2) == 0) Shuffle(members);
        var line = Shape(members);
        var bytes = Encoding.UTF8.GetBytes(line);
        return random.Next(12) switch
        {
            0 => Corrupt(bytes),
            1 => [0xEF, 0xBB, 0xBF, .. bytes], // a byte-order mark
            _ => bytes,
        };
    }

    private string Mark() => random.Next(400) == 0
        ? "\"" + new string('m', random.Next(1, 1_000_000)) + "\"" // up to a 1 MB mark
        : Pick(MarkValues);

    private string Shape(List<string> members)
    {
        var body = string.Join(Pick([", ", ",", " , ", ",\t"]), members);
        return random.Next(16) switch
        {
            0 => "[" + body + "]",
            1 => "{" + body + ",}", // trailing comma
            2 => "{" + body, // truncated
            3 => "{" + body + "} {}", // two documents on one line
            4 => "{" + body.Replace('"', '\'') + "}", // single quotes
            5 => "{/* c */" + body + "}",
            6 => new string('{', random.Next(1, 200)) + body, // deep and unclosed
            7 => string.Concat(Enumerable.Repeat("{\"a\": ", 70)) + "1" + new string('}', 70), // deeper than JSON's default limit
            8 => "  \t" + "{" + body + "}" + "\r",
            9 => "",
            _ => "{" + body + "}",
        };
    }

    private byte[] Corrupt(byte[] bytes)
    {
        var copy = bytes.ToList();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
            copy.Insert(copy.Count == 0 ? 0 : random.Next(copy.Count), (byte)Pick<int>([0x00, 0x80, 0xC0, 0xFF, 0xED, 0x0A, 0x1B]));
        return [.. copy];
    }

    private void Shuffle(List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
