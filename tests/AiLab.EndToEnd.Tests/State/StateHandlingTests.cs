using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.State;

/// <summary>The database as a hostile world leaves it: empty, missing, read-only, damaged. Reading commands open it
/// read-only and never create anything; every failure names the file and the fix.</summary>
public sealed class StateHandlingTests
{
    [Fact]
    public void List_DatabaseInMissingDirectory_ReportsNoExperimentsAndCreatesNothing()
    {
        using var sandbox = new Sandbox();
        var path = Path.Combine(sandbox.Root, "missing", "dir", "x.db");

        var result = sandbox.Ailab("list", "--db", path).AssertExit(0);
        sandbox.Ailab("show", "ab-1", "--db", path).AssertExit(2);
        sandbox.Ailab("incidents", "list", "--db", path).AssertExit(0);

        Assert.Contains("No experiments yet", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "missing")), "a reading command created the database's directory");
        Assert.False(Directory.Exists(sandbox.Home), "a reading command created AILAB_HOME");
    }

    [Fact]
    public void Run_ZeroByteDatabase_ExitsOneNamingTheFileAndKeepsIt()
    {
        using var sandbox = new Sandbox();
        var path = sandbox.WriteOutside("lab.db", "");

        var run = sandbox.Ailab("run", "--run", "true", "--trials", "2", "--warmup", "0", "--db", path).AssertExit(1);
        var list = sandbox.Ailab("list", "--db", path).AssertExit(1);

        foreach (var result in new[] { run, list })
        {
            Assert.Contains($"{path} is an empty (0-byte) file", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("restore it from a backup", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void ListAndShow_ReadOnlyDatabaseAndDirectory_StillWork()
    {
        using var sandbox = new Sandbox();
        var dir = Path.Combine(sandbox.Root, "ro");
        var path = Path.Combine(dir, "lab.db");
        var run = sandbox.Ailab("run", "--run", "echo batch", "--first-batch-pattern", "batch", "--trials", "2", "--warmup", "0", "--db", path, "--json");
        var id = run.Json().Id();

        using (new Immutable(path, dir))
        {
            var list = sandbox.Ailab("list", "--db", path).AssertExit(0);
            sandbox.Ailab("show", id, "--db", path, "--json").AssertExit(0);
            sandbox.Ailab("incidents", "list", "--db", path).AssertExit(0);
            var write = sandbox.Ailab("run", "--run", "true", "--trials", "2", "--db", path).AssertExit(1);

            Assert.Contains(id, list.Stdout, StringComparison.Ordinal);
            Assert.Contains("read-only", write.Stderr, StringComparison.Ordinal);
            Assert.Contains(path, write.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Show_CorruptPage_ExitsOneWithThePathAndTheRecoveryCommand()
    {
        using var sandbox = new Sandbox();
        var path = Path.Combine(sandbox.Root, "lab.db");
        var id = sandbox.Ailab("run", "--run", "echo batch", "--first-batch-pattern", "batch", "--trials", "40", "--warmup", "0", "--db", path, "--json").Json().Id();
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 8 * 4096, $"the database is only {bytes.Length} bytes");
        bytes.AsSpan(4 * 4096).Fill(0xA5);
        File.WriteAllBytes(path, bytes);

        var result = sandbox.Ailab("show", id, "--db", path, "--trials");

        result.AssertExit(1);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".recover", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AbResume_WithTrials_ExitsTwoInsteadOfIgnoringIt()
    {
        using var sandbox = new Sandbox();
        var id = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--run", "echo batch", "--first-batch-pattern", "batch", "--trials", "2",
            "--warmup", "0", "--no-confirm", "--json").Json().Id();

        var result = sandbox.Ailab("ab", "--resume", id, "--trials", "5").AssertExit(2);

        Assert.Contains("--trials cannot be used with --resume", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, StoreChecks.ShowWithTrials(sandbox, id).TrialResults().Count);
    }

    /// <summary>chattr +i for the test's duration: permission bits stop nothing for root, which CI containers run as.</summary>
    private sealed class Immutable : IDisposable
    {
        private readonly string[] paths;

        public Immutable(params string[] paths)
        {
            this.paths = paths;
            foreach (var p in paths) Chattr("+i", p);
        }

        public void Dispose()
        {
            foreach (var p in paths) Chattr("-i", p);
        }

        private static void Chattr(string flag, string path)
        {
            using var process = System.Diagnostics.Process.Start("chattr", [flag, path])!;
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"chattr {flag} {path} failed");
        }
    }
}
