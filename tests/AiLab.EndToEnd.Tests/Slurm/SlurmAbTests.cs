using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Slurm;

/// <summary>Real A/B experiments through the real single-node cluster, next to the same experiments run
/// locally.</summary>
[Collection(TimingSensitive.Name)]
[Trait("Category", SlurmCluster.Category)]
public sealed class SlurmAbTests
{
    private static CliResult Ab(Sandbox sandbox, string a, string b, params string[] extra) => sandbox.Ailab(
        ["ab", "--run", $"{Workloads.Python} -S launcher.py", "--a", a, "--b", b, "--trials", "6", "--warmup", "1",
         "--seed", "7", "--no-confirm", "--json", .. extra]);

    /// <summary>Through Slurm with the default trial count (10 per variant), so that the side-by-side blocks are
    /// enough for the paired test (8 or more).</summary>
    private static CliResult SlurmAb(Sandbox sandbox, string a, string b) => sandbox.Ailab(
        ["ab", "--run", $"{Workloads.Python} -S launcher.py", "--a", a, "--b", b, "--warmup", "1",
         "--seed", "7", "--no-confirm", "--json", "--executor", "slurm"]);

    private static readonly string[] NoAlarm = ["no_change", "inconclusive"];

    /// <summary>The lab's note that some measured trials ran while the machine (through Slurm: the node) was busy, or
    /// null when it flagged none.</summary>
    private static string? Busy(JsonElement doc) => doc.GetProperty("notes").EnumerateArray()
        .Select(n => n.GetString()!)
        .FirstOrDefault(n => n.Contains("while the machine was busy", StringComparison.Ordinal));

    [Fact]
    public void Ab_AaAndTheBlockingLoggingRegression_SameVerdictLocallyAndThroughSlurm()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        SlurmCluster.WriteLauncher(sandbox);

        var localAa = Ab(sandbox, "TELEMETRY=off", "TELEMETRY=off").AssertExit(0).Json();
        var slurmAa = SlurmAb(sandbox, "TELEMETRY=off", "TELEMETRY=off").AssertExit(0).Json();
        var local = Ab(sandbox, "TELEMETRY=off", "TELEMETRY=blocking").AssertExit(0).Json();
        var slurm = SlurmAb(sandbox, "TELEMETRY=off", "TELEMETRY=blocking").AssertExit(0).Json();

        // A/A locally: no alarm. Six trials on a loaded machine cannot always prove equivalence (no change needs the
        // interval inside the margin), so inconclusive is an honest no-change there; a false alarm is not.
        // A/A through Slurm: A and B of each block run side by side, share slurmctld's scheduling pass, and are
        // compared paired by block, which removes the pass's wait (the queue phase's noise); what is left is the
        // workload's own. On a quiet node that proves no change (extended to up to 30 blocks by the default design);
        // on a node the lab flags as busy (other processes on the trial's CPU: here, other builds on this two-core
        // machine) the workload's imports alone vary by 80-160 ms and inconclusive is the honest answer
        // (docs/slurm.md, "Where the queue phase's noise comes from").
        foreach (var (name, doc) in new[] { ("local A/A", localAa), ("Slurm A/A", slurmAa) })
        {
            var ttfb = doc.Metric("ttfb");
            var ci = ttfb.GetProperty("ci_pct").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var figures = FormattableString.Invariant(
                $"ttfb {ttfb.GetProperty("change_pct").GetDouble():+0.0;-0.0}% CI [{ci[0]:0.0}, {ci[1]:0.0}]");
            Console.WriteLine($"slurm e2e: {name} {doc.Str("verdict")}, {figures}, busy: {Busy(doc) ?? "no"}");
        }

        Assert.Contains(localAa.Str("verdict"), NoAlarm);
        if (Busy(slurmAa) is null)
            Assert.True(slurmAa.Str("verdict") == "no_change", slurmAa.GetProperty("notes").ToString());
        else
            Assert.Contains(slurmAa.Str("verdict"), NoAlarm);
        // Local trials run one at a time and are never paired; the Slurm waves are.
        Assert.Equal("welch_log_t", localAa.GetProperty("basis").Str("test"));
        Assert.Equal("paired_log_t", slurmAa.GetProperty("basis").Str("test"));
        Assert.True(slurmAa.GetProperty("basis").GetProperty("paired_blocks").GetInt32() >= 8);
        Assert.Equal("paired_log_t", slurm.GetProperty("basis").Str("test"));
        Assert.Equal("regression", local.Str("verdict"));
        Assert.Equal("phase:config_validation", local.Str("cause"));
        Assert.Equal(local.Str("verdict"), slurm.Str("verdict"));
        Assert.Equal(local.Str("cause"), slurm.Str("cause"));
        // Through Slurm, queue is TTFB's first phase; locally there is none.
        Assert.Contains(slurm.GetProperty("metrics").EnumerateArray(), m => m.Str("name") == "phase:queue");
        Assert.DoesNotContain(local.GetProperty("metrics").EnumerateArray(), m => m.Str("name") == "phase:queue");
    }

    [Fact]
    public async Task Ab_ClusterFilledForTheCandidate_QueueGrowsAndTheChangeIsAttributedToQueueing()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        SlurmCluster.WriteLauncher(sandbox);
        // Other jobs keep one of the node's two CPUs (and its share of memory) busy throughout: 3 s jobs, resubmitted
        // as each ends. A asks for one CPU and finds the other free; B's trials ask for 16 GB (SBATCH_MEM_PER_NODE
        // reaches sbatch through the variant's environment), more than the other jobs leave, so B waits in the queue
        // for capacity. The program is the same.
        using var stop = new CancellationTokenSource();
        var filler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (SlurmCluster.Jobs("filler", "PENDING,RUNNING").Count == 0)
                    SlurmCluster.Fill(cpus: 1, seconds: 3);
                await Task.Delay(100).ConfigureAwait(false);
            }
        });
        CliResult result;
        try
        {
            result = Ab(sandbox, "TELEMETRY=off", "TELEMETRY=off,SBATCH_MEM_PER_NODE=16G", "--executor", "slurm");
        }
        finally
        {
            stop.Cancel();
            await filler;
            SlurmCluster.CancelFillers();
        }

        var doc = result.AssertExit(0).Json();
        // On failure, the metrics' verdicts and medians say whether the queue grew and what the lab made of it.
        var metrics = string.Join("; ", doc.GetProperty("metrics").EnumerateArray().Select(m =>
            $"{m.Str("name")} {m.Str("verdict")} A {m.GetProperty("a").GetProperty("median").GetDouble():F0} " +
            $"B {m.GetProperty("b").GetProperty("median").GetDouble():F0}"));
        Assert.True(doc.Str("verdict") == "regression", $"verdict {doc.Str("verdict")}: {metrics}");
        Assert.Equal("phase:queue", doc.Str("cause"));
        var queue = doc.Metric("phase:queue");
        Assert.Equal("regression", queue.Str("verdict"));
        foreach (var phase in new[] { "phase:config_validation", "phase:preprocessing", "phase:first_batch" })
            Assert.NotEqual("regression", doc.Metric(phase).Str("verdict"));
    }
}
