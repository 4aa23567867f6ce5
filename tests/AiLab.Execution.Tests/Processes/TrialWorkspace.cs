using System.Text.RegularExpressions;
using AiLab.Core.Trials;

namespace AiLab.Execution.Tests.Processes;

/// <summary>A temporary directory holding one test's scripts, logs and events files.</summary>
internal sealed class TrialWorkspace : IDisposable
{
    public const string Python = "/usr/bin/python3";

    /// <summary>A Python helper the test scripts import to write probe marks the way the real probe does.</summary>
    private const string ProbeModule = """
        import json, os, time

        def mark(name, stamp=True):
            line = {"mark": name, "t_ns": time.monotonic_ns()} if stamp else {"mark": name}
            with open(os.environ["AILAB_EVENTS"], "a") as f:
                f.write(json.dumps(line) + "\n")
        """;

    private int _trials;

    public TrialWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "ailab-exec-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "probe.py"), ProbeModule);
    }

    public string Root { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public TrialRequest Request(string command, TimeSpan? timeout = null, Regex? pattern = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var n = Interlocked.Increment(ref _trials);
        return new TrialRequest(command, workingDirectory ?? Root, environment ?? new Dictionary<string, string?>(),
            timeout ?? TimeSpan.FromSeconds(20), Path.Combine(Root, "logs", $"trial{n}.log"),
            Path.Combine(Root, "events", $"trial{n}.jsonl"), pattern);
    }

    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitUntilDeadAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(20);
        }

        return true;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
