using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Slurm;

/// <summary>Peak memory of a trial on the node: the test cluster runs jobs in cgroups where the machine has a cgroup v1
/// memory controller (scripts/start-slurm.sh), and the trial records its step's high-water mark, as a local trial
/// records its own cgroup's.</summary>
[Collection(TimingSensitive.Name)]
[Trait("Category", SlurmCluster.Category)]
public sealed class SlurmMemoryTests
{
    // Writes 64 MiB (b'x' * n touches every page), then marks first_batch.
    private const string Workload = "/usr/bin/python3 -S -c \"import json,os,time\n"
        + "def mark(m):\n  open(os.environ['AILAB_EVENTS'],'a')"
        + ".write(json.dumps({'mark':m,'t_ns':time.monotonic_ns()})+'\\n')\n"
        + "x = b'x' * (64 << 20)\nmark('first_batch')\"";

    [Fact]
    public void Ab_ThroughSlurm_PeakMemoryIsTheJobStepsCgroupAndMatchesTheLocalTrial()
    {
        SlurmCluster.Require();
        Assert.True(Directory.Exists("/sys/fs/cgroup/memory"),
            "this machine has no cgroup v1 memory controller, so the test cluster runs no job cgroups");
        using var sandbox = new Sandbox();
        long[] Peaks(params string[] extra)
        {
            var doc = sandbox.Ailab(["ab", "--run", Workload, "--a", "X=1", "--b", "X=1", "--trials", "2",
                "--warmup", "0", "--no-confirm", "--json", .. extra]).AssertExit(0).Json();
            var trials = sandbox.Ailab("show", doc.Id(), "--trials", "--json").AssertExit(0).Json().TrialResults();
            Assert.All(trials, t => Assert.Equal("cgroup", t.Str("peak_rss_method")));
            if (extra.Length > 0)
                Assert.All(trials, t => Assert.StartsWith("cgroup v1 /",
                    t.GetProperty("scheduler").Str("peak_memory_source"), StringComparison.Ordinal));
            return [.. trials.Select(t => t.GetProperty("peak_rss_bytes").GetInt64())];
        }

        var local = Peaks();
        var slurm = Peaks("--executor", "slurm");

        // Both hold the 64 MiB; the node's step cgroup also holds the batch script's bash (about a MiB).
        const long MiB = 1 << 20;
        Assert.All(local.Concat(slurm), p => Assert.InRange(p, 64 * MiB, 100 * MiB));
        Assert.InRange(slurm.Max() - local.Min(), -8 * MiB, 8 * MiB);
    }
}
