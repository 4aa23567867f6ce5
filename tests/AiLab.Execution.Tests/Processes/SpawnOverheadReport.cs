using System.Diagnostics;
using System.Globalization;
using AiLab.Execution.Processes;
using Xunit.Abstractions;

namespace AiLab.Execution.Tests.Processes;

/// <summary>Reports (without asserting on timing) how long the executor's spawn path takes compared with Python's
/// own subprocess module measuring the same thing: CLOCK_MONOTONIC from just before the spawn to the workload's
/// first_batch mark.</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class SpawnOverheadReport(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 30;
    private readonly TrialWorkspace _workspace = new();

    [Fact]
    public async Task SpawnToFirstBatch_LocalExecutorVersusPythonSubprocess_ReportsMedians()
    {
        var marker = _workspace.Write("mark_now.py", """
            import os, time
            with open(os.environ["AILAB_EVENTS"], "a") as f:
                f.write('{"mark": "first_batch", "t_ns": %d}\n' % time.monotonic_ns())
            """);
        var command = $"{TrialWorkspace.Python} -S {marker}";
        var executor = new LocalExecutor();
        using var python = StartPythonSpawner(command);
        var (ttfb, total, pythonTtfb, pythonTotal) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var executorCpu = TimeSpan.Zero;
        // Alternate the two so that the load of this shared machine drifts over both alike.
        for (var i = 0; i < Runs; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = await executor.RunAsync(_workspace.Request(command), default);
            total.Add(stopwatch.Elapsed.TotalMilliseconds);
            executorCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Assert.True(result.Succeeded, result.Reason);
            ttfb.Add(result.TtfbMs!.Value);

            await python.StandardInput.WriteLineAsync("run");
            var line = (await python.StandardOutput.ReadLineAsync())!.Split(' ');
            pythonTtfb.Add(double.Parse(line[0], CultureInfo.InvariantCulture));
            pythonTotal.Add(double.Parse(line[1], CultureInfo.InvariantCulture));
        }

        python.StandardInput.Close();
        await python.WaitForExitAsync();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"spawn->first_batch median over {Runs} alternating runs: LocalExecutor {Median(ttfb):0.00} ms, "
            + $"python subprocess {Median(pythonTtfb):0.00} ms; whole run median: LocalExecutor.RunAsync {Median(total):0.00} ms, "
            + $"python Popen+communicate {Median(pythonTotal):0.00} ms; harness CPU per LocalExecutor trial "
            + $"{executorCpu.TotalMilliseconds / Runs:0.00} ms");
        output.WriteLine(report);
        Console.WriteLine(report);
        Assert.All(ttfb.Concat(pythonTtfb), t => Assert.True(t > 0));
    }

    private Process StartPythonSpawner(string command)
    {
        var events = Path.Combine(_workspace.Root, "python-events.jsonl");
        var script = _workspace.Write("spawner.py", """
            import json, os, subprocess, sys, time
            command, events = sys.argv[1], sys.argv[2]
            env = dict(os.environ, AILAB_EVENTS=events)
            for _ in sys.stdin:
                if os.path.exists(events):
                    os.remove(events)
                t0 = time.monotonic_ns()
                p = subprocess.Popen(["/bin/sh", "-c", command], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
                p.communicate()
                total = (time.monotonic_ns() - t0) / 1e6
                with open(events) as f:
                    ttfb = (json.loads(f.readline())["t_ns"] - t0) / 1e6
                print(ttfb, total, flush=True)
            """);
        var psi = new ProcessStartInfo(TrialWorkspace.Python, [script, command, events])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        return Process.Start(psi)!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public void Dispose() => _workspace.Dispose();
}
