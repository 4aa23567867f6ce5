using System.Globalization;
using System.Text;

namespace AiLab.Core.Tests.Workflows.Fuzzing;

/// <summary>Structure-aware mutations of valid <c>ailab.yaml</c> documents: values swapped for hostile ones (huge
/// numbers, odd durations, unicode, nesting), keys misspelled, indentation broken, lines duplicated, dropped or
/// swapped. Deterministic for a seed. Shared (as a linked source file) with the CLI's sample run.</summary>
internal sealed class YamlMutator(int seed)
{
    /// <summary>Valid documents the mutations start from.</summary>
    public static readonly string[] Seeds =
    [
        """
        version: 1
        defaults:
          timeout: 10m
          trials: 10
          warmup: 1
          env: {OMP_NUM_THREADS: 1}
        workflows:
          pytorch-train:
            run: /usr/bin/python3 train.py --epochs 1
            build: pip install -r requirements.txt
            workdir: examples/pytorch-train
            env: {PYTHONHASHSEED: "0"}
            timeout: 5m
            first_batch_pattern: '^step 1 '
            expect_phases: [imports, config_validation]
            auto_instrument: torch
            trials: 20
            warmup: 1
          mlnet-eval:
            run: dotnet run --project examples/mlnet
        """,
        """
        workflows:
          train:
            run: python3 train.py
            env:
              A: "1"
              B: two
            expect_phases:
              - imports
              - model_build
        notify:
          attempts: 4
          backoff: 2s
          sinks:
            - type: webhook
              url: https://hooks.example.com/ailab
              headers: {X-Team: perf}
              timeout: 10s
            - type: github
              repository: acme/trainer
              labels: [ailab-incident, perf]
            - type: smtp
              host: smtp.example.com
              port: 587
              tls: starttls
              from: ailab@example.com
              to: [perf-team@example.com]
            - type: markdown
              directory: docs/incidents
        """,
        """
        workflows:
          a: {run: "true", timeout: 90s, trials: 2, warmup: 0}
          b: {run: "echo hi", workdir: sub/dir, auto_instrument: none}
        """,
    ];

    private static readonly string[] Values =
    [
        "", "~", "null", "true", "no", "0", "-1", "1", "2", "99999999999999999999999", "9223372036854775808", "-9223372036854775809",
        "1e309", "-0", "0x10", "0o17", "1_000", ".nan", ".inf", "-.inf", "1.5", "2147483648",
        "0s", "1ms", "0.0001ms", "250ms", "1h30m", "5m5m", "30m1h", "1200h", "99999999h", "106751991h", "1.5.5s", "-1s", "5 m", "5min", "1d", "ms", "h",
        "[]", "{}", "[a, b]", "{a: 1}", "[[[[]]]]", "{a: {b: {c: {}}}}", "[1, [2, [3]]]",
        "\"unterminated", "'single", "\"esc \\u0000 \\uD800\"", "é", "\u202eevil", "😀😀", "名前", "\t", "a\u0085b",
        "&anchor x", "*anchor", "!!binary aGk=", "!custom x", "|", ">", "? complex", "- item", "key: value", "@at", "`tick",
        "/etc/passwd", "../..", "../../etc", "/", "C:\\x", "\\\\server\\share", "a/../../b", "(", "[a-", "(?<n>", "^step 1 ",
        "torch", "tensorflow", "webhook", "webhok", "starttls", "ssl", "plain",
    ];

    private static readonly string[] Keys =
    [
        "run", "build", "workdir", "env", "timeout", "first_batch_pattern", "expect_phases", "auto_instrument", "trials", "warmup",
        "timout", "Run", "run ", "name", "workflows", "defaults", "notify", "version", "sinks", "type", "url", "attempts", "backoff",
        "ключ", "😀", "a b", "\"quoted\"", "'q'", "? x", "<<", "-", "x" + new string('k', 300),
    ];

    private readonly Random random = new(seed);

    /// <summary>The next input: a seed document with one to four mutations.</summary>
    public string Next()
    {
        var lines = Seeds[random.Next(Seeds.Length)].Split('\n').ToList();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++) Mutate(lines);
        return string.Join(random.Next(10) == 0 ? "\r\n" : "\n", lines);
    }

    private void Mutate(List<string> lines)
    {
        if (lines.Count == 0)
        {
            lines.Add(Pick(Values));
            return;
        }

        var at = random.Next(lines.Count);
        var line = lines[at];
        var indent = line.Length - line.TrimStart(' ').Length;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        switch (random.Next(14))
        {
            case 0 or 1 or 2 when colon > 0:
                lines[at] = line[..(colon + 2)] + Pick(Values); // a hostile value for a known key
                break;
            case 3 when colon > 0:
                lines[at] = new string(' ', indent) + Pick(Keys) + line[colon..]; // another or a misspelled key
                break;
            case 4:
                lines[at] = new string(' ', Math.Max(0, indent + random.Next(-4, 5))) + line.TrimStart(' ');
                break;
            case 5:
                lines[at] = "\t" + line;
                break;
            case 6:
                lines.Insert(at, line);
                break;
            case 7:
                lines.RemoveAt(at);
                break;
            case 8:
                var other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 9:
                lines[at] = new string(' ', indent) + Pick(Keys) + ": " + Nested(random.Next(1, 120));
                break;
            case 10:
                lines[at] = line + new string(Pick(Values).FirstOrDefault('x'), random.Next(1, 20_000));
                break;
            case 11:
                lines.Insert(at, new string(' ', indent) + Pick(Keys) + ": " + Pick(Values));
                break;
            case 12:
                lines[at] = ControlCharacters(line);
                break;
            default:
                lines[at] = line.Length > 1 ? line[..random.Next(line.Length)] : line + ":"; // cut mid-token
                break;
        }
    }

    private string Nested(int depth)
    {
        var flow = new StringBuilder();
        var list = random.Next(2) == 0;
        for (var i = 0; i < depth; i++) flow.Append(list ? "[" : "{a: ");
        flow.Append(Pick(Values).Replace("\n", " ", StringComparison.Ordinal));
        for (var i = 0; i < depth; i++) flow.Append(list ? "]" : "}");
        return flow.ToString();
    }

    private string ControlCharacters(string line)
    {
        var chars = line.ToCharArray().ToList();
        var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
        chars.Insert(at, (char)random.Next(0, 32));
        if (random.Next(2) == 0) chars.Insert(at, (char)random.Next(0xD800, 0xE000)); // a lone surrogate
        return new string(chars.ToArray());
    }

    private string Pick(string[] items) => items[random.Next(items.Length)];

    /// <summary>A short description of an input for a failure message.</summary>
    public static string Describe(string input) =>
        input.Length <= 600 ? input : string.Create(CultureInfo.InvariantCulture, $"{input[..600]}... ({input.Length} chars)");
}
