namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>One test's world: its own AILAB_HOME (database, builds, trial logs), a work directory the CLI runs in,
/// and a ledger that workloads append to, so that a test can compare what really ran with what ailab stored.</summary>
internal sealed class Sandbox : IDisposable
{
    public Sandbox()
    {
        Root = Directory.CreateTempSubdirectory("ailab-e2e-").FullName;
        Home = Path.Combine(Root, "home");
        Work = Path.Combine(Root, "work");
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Path.Combine(Root, "pylib"));
        File.WriteAllText(Path.Combine(Root, "pylib", "e2e.py"), Workloads.LedgerModule);
    }

    public string Root { get; }

    /// <summary>Variables every command of this sandbox gets on top of the defaults; null removes one. By default
    /// trials are not pinned (AILAB_CPUS=none), so that the per-core speed calibration does not run in every test;
    /// the tests of the default pinning remove it. Trials run to completion (AILAB_RUN_TO=completion): the ledger's
    /// "end" line, written after first_batch, is how these tests count what really ran; the tests of stopping at the
    /// marks remove it or pass --run-to marks.</summary>
    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["AILAB_CPUS"] = "none",
        ["AILAB_RUN_TO"] = "completion",
    };

    /// <summary>AILAB_HOME of every command this sandbox runs.</summary>
    public string Home { get; }

    /// <summary>The current directory of the CLI, where ad-hoc workloads live.</summary>
    public string Work { get; }

    /// <summary>File the workloads append one line to per trial that reached its end (see <see cref="Workloads.LedgerModule"/>).</summary>
    public string LedgerPath => Path.Combine(Root, "ledger.txt");

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/> under <see cref="Work"/>.</summary>
    public string Write(string relativePath, string content) => WriteAt(Path.Combine(Work, relativePath), content);

    /// <summary>Writes a file under <see cref="Root"/>, outside the work directory and any repository.</summary>
    public string WriteOutside(string relativePath, string content) => WriteAt(Path.Combine(Root, relativePath), content);

    /// <summary>The ledger's lines: "TAG EVENTS_FILE_NAME PID" per workload that got that far.</summary>
    public IReadOnlyList<string[]> Ledger() => File.Exists(LedgerPath)
        ? File.ReadAllLines(LedgerPath).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToList()
        : [];

    /// <summary>Runs <c>ailab ARGS</c> in <see cref="Work"/> to its end.</summary>
    public CliResult Ailab(params string[] args) => AilabIn(Work, args);

    /// <summary>Runs <c>ailab ARGS</c> in <paramref name="directory"/> to its end.</summary>
    public CliResult AilabIn(string directory, params string[] args)
    {
        using var running = Start(directory, args);
        return running.WaitForExit();
    }

    /// <summary>Runs <c>ailab ARGS</c> in <see cref="Work"/> to its end with <paramref name="environment"/> added to
    /// the caller's environment.</summary>
    public CliResult AilabWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var running = StartWith(environment, args);
        return running.WaitForExit();
    }

    /// <summary>Starts <c>ailab ARGS</c> in <see cref="Work"/> with <paramref name="environment"/> added.</summary>
    public RunningAilab StartWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var merged = new Dictionary<string, string?>(SandboxEnvironment());
        foreach (var (name, value) in environment) merged[name] = value;
        return AilabProcess.Start(Work, merged, args);
    }

    /// <summary>Starts <c>ailab ARGS</c> in <see cref="Work"/> and returns at once.</summary>
    public RunningAilab Start(params string[] args) => Start(Work, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }

    private RunningAilab Start(string directory, IReadOnlyList<string> args) =>
        AilabProcess.Start(directory, SandboxEnvironment(), args);

    private Dictionary<string, string?> SandboxEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AILAB_HOME"] = Home,
            ["E2E_LEDGER"] = LedgerPath,
            // ailab puts its probe in front and keeps this after it, so workloads can also `import e2e`.
            ["PYTHONPATH"] = Path.Combine(Root, "pylib"),
        };
        foreach (var (name, value) in Environment) environment[name] = value;
        return environment;
    }

    private static string WriteAt(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }
}
