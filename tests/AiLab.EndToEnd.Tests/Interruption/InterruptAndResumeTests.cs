using System.Diagnostics;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Interruption;

/// <summary>Ctrl-C keeps what was measured (exit 130) and <c>--resume</c> runs only what is missing.</summary>
[Collection(TimingSensitive.Name)]
public sealed class InterruptAndResumeTests
{
    [Fact]
    public void Ab_InterruptedThenResumed_KeepsStoredTrialsAndRunsEachSlotOnce()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);
        using var running = sandbox.Start("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", $"{Workloads.Python} phased.py",
            "--env", "E2E_AFTER_S=1.0", "--trials", "6", "--warmup", "0");

        // Interrupt while the third trial runs: two are complete (and stored as they ended), one is in flight.
        WaitFor(() => sandbox.Ledger().Count(l => l[0] == "start") >= 3, running);
        running.Interrupt();
        var interrupted = running.WaitForExit();

        interrupted.AssertExit(130);
        var id = StoreChecks.ExperimentIdFromStderr(interrupted);
        Assert.Contains($"Continue with: ailab ab --resume {id}", interrupted.Stderr, StringComparison.Ordinal);
        var kept = StoreChecks.ShowWithTrials(sandbox, id);
        Assert.Equal("interrupted", kept.Str("status"));
        var (measured, _, failed) = kept.TrialCounts();
        Assert.InRange(measured, 2, 3);
        Assert.Equal(0, failed);
        StoreChecks.AssertLedgerMatchesStore(sandbox, kept);
        var inFlight = sandbox.Ledger().Where(l => l[0] == "start").Select(l => l[1]).Except(sandbox.Ledger().Where(l => l[0] == "end").Select(l => l[1])).ToList();
        foreach (var pid in sandbox.Ledger().Where(l => l[0] == "start" && inFlight.Contains(l[1])).Select(l => int.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture)))
            Assert.False(StoreChecks.IsAlive(pid), $"the interrupted trial's process {pid} is still running");

        var resumed = sandbox.Ailab("ab", "--resume", id, "--no-confirm", "--json").AssertExit(0);

        var doc = resumed.Json();
        Assert.Equal(id, doc.Id());
        Assert.Equal("completed", doc.Str("status"));
        Assert.Equal((12, 0, 0), doc.TrialCounts());
        Assert.Equal(6, doc.Metric("ttfb").GetProperty("a").Int("n"));
        Assert.Equal(6, doc.Metric("ttfb").GetProperty("b").Int("n"));
        var all = StoreChecks.ShowWithTrials(sandbox, id);
        Assert.Equal(Enumerable.Range(0, 12), all.TrialResults().Select(t => t.Int("sequence")));
        // Every slot ran to completion exactly once, across both processes.
        StoreChecks.AssertLedgerMatchesStore(sandbox, all);
        Assert.Equal(12, sandbox.Ledger().Count(l => l[0] == "end"));
    }

    private static void WaitFor(Func<bool> condition, RunningAilab running)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (running.HasExited) throw new Xunit.Sdk.XunitException($"ailab exited before the test could interrupt it: {running.WaitForExit()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the trials never started");
            Thread.Sleep(20);
        }
    }
}
