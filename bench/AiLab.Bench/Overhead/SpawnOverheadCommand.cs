using System.Diagnostics;
using System.Globalization;
using AiLab.Bench.Timing;
using AiLab.Bench.Verdicts;
using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Bench.Overhead;

/// <summary>
/// Where the harness overhead goes: the time from the spawn to a marker program's first instruction, through the
/// executor as the lab runs it, through the executor with its /proc sampler and events poller slowed to 1 s (their
/// first tick still runs), and through Python's subprocess (what bench/harness_overhead.py compares with), rounds
/// alternating. The marker is a tiny C program (compiled here with cc) so that interpreter start-up noise does not
/// drown a millisecond; <c>--python</c> uses bench/harness_overhead.py's marker instead
/// (<c>python3 -S</c>, about 20 ms of start-up during which the harness's threads run beside it).
/// </summary>
internal sealed class SpawnOverheadCommand : IBenchCommand
{
    private const string Marker = """
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <time.h>
        #include <unistd.h>
        int main(void) {
            struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
            char line[96]; int n = snprintf(line, sizeof line, "{\"mark\":\"first_batch\",\"t_ns\":%lld}\n",
                (long long)t.tv_sec * 1000000000LL + t.tv_nsec);
            int fd = open(getenv("AILAB_EVENTS"), O_WRONLY | O_APPEND | O_CREAT, 0644);
            return write(fd, line, n) == n ? 0 : 1;
        }
        """;

    private const string PythonMarker =
        "import os,time;fd=os.open(os.environ['AILAB_EVENTS'],os.O_WRONLY|os.O_APPEND|os.O_CREAT);"
        + "os.write(fd,('{\"mark\":\"first_batch\",\"t_ns\":%d}\\n'%time.monotonic_ns()).encode())";

    private const string PythonSpawner = """
        import os, shlex, subprocess, sys, time
        command, events = sys.argv[1], sys.argv[2]
        env = dict(os.environ, AILAB_EVENTS=events)
        for _ in sys.stdin:
            if os.path.exists(events):
                os.remove(events)
            t0 = time.monotonic_ns()
            p = subprocess.Popen(shlex.split(command), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, start_new_session=True)
            p.communicate()
            with open(events) as f:
                print((int(f.read().split('"t_ns":')[1].split("}")[0]) - t0) / 1e6, flush=True)
        """;

    public string Name => "spawn-overhead";

    public string Description => "spawn -> first instruction: executor vs executor with slow sampler/poller vs python "
        + "subprocess [--rounds N] [--per-round N] [--cpus LIST] [--python]";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var (rounds, perRound) = (options.GetInt("--rounds", 10), options.GetInt("--per-round", 10));
        var cpus = options.Get("--cpus")?.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var work = Directory.CreateTempSubdirectory("ailab-spawn-overhead-");
        try
        {
            var marker = Path.Combine(work.FullName, "marker");
            File.WriteAllText(marker + ".c", Marker);
            if (!RunToEnd("cc", "-O2", "-o", marker, marker + ".c"))
            {
                Console.Error.WriteLine("spawn-overhead: cannot compile the marker with cc");
                return 2;
            }

            if (args.Contains("--python"))
            {
                File.WriteAllText(marker + ".py", PythonMarker);
                marker = $"/usr/bin/python3 -S {marker}.py";
            }

            var executor = new LocalExecutor();
            var quiet = new LocalExecutor(new LocalExecutorOptions
            {
                RssSampleInterval = TimeSpan.FromSeconds(1),
                EventsPollInterval = TimeSpan.FromSeconds(1),
            });
            using var python = StartPythonSpawner(work.FullName, marker, cpus);
            var (lab, slow, direct) = (new List<double>(), new List<double>(), new List<double>());
            var (labCpu, slowCpu) = (TimeSpan.Zero, TimeSpan.Zero);
            var trial = 0;
            Trial(executor, marker, work.FullName, cpus, ref trial); // first-use costs stay out of the figures
            Trial(quiet, marker, work.FullName, cpus, ref trial);
            Python(python);
            for (var round = 0; round < rounds; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < perRound; i++) lab.Add(Trial(executor, marker, work.FullName, cpus, ref trial));
                labCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < perRound; i++) slow.Add(Trial(quiet, marker, work.FullName, cpus, ref trial));
                slowCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
                for (var i = 0; i < perRound; i++) direct.Add(Python(python));
            }

            python.StandardInput.Close();
            python.WaitForExit();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"spawn -> marker ({(args.Contains("--python") ? "python3 -S" : "C")}), {rounds} alternating rounds of {perRound}, cpus {options.Get("--cpus") ?? "any"}:"));
            Console.WriteLine("| path | n | median | p10 | p90 | harness CPU per trial |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            Row("LocalExecutor (sampler 10 ms, poller 5 ms)", lab, labCpu / lab.Count);
            Row("LocalExecutor (sampler and poller 1 s)", slow, slowCpu / slow.Count);
            Row("python subprocess.Popen (no shell, new session)", direct, null);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static double Trial(LocalExecutor executor, string marker, string root, int[]? cpus, ref int trial)
    {
        trial++;
        var request = new TrialRequest(marker, root, new Dictionary<string, string?>(), TimeSpan.FromSeconds(20),
            Path.Combine(root, $"t{trial}.log"), Path.Combine(root, $"t{trial}.jsonl"), Cpus: cpus);
        var result = executor.RunAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        return result.TtfbMs ?? throw new InvalidOperationException($"the marker failed: {result.Reason}");
    }

    private static double Python(Process python)
    {
        python.StandardInput.WriteLine("run");
        return double.Parse(python.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
    }

    private static Process StartPythonSpawner(string root, string marker, int[]? cpus)
    {
        var script = Path.Combine(root, "spawner.py");
        File.WriteAllText(script, PythonSpawner);
        var info = new ProcessStartInfo("/usr/bin/python3", [script, marker, Path.Combine(root, "python.jsonl")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var python = Process.Start(info)!;
        if (cpus is not null)
        {
            // The children inherit the spawner's mask, as the executor's children inherit the one it sets.
            RunToEnd("taskset", "-p", "-c", string.Join(',', cpus), python.Id.ToString(CultureInfo.InvariantCulture));
        }

        return python;
    }

    private static bool RunToEnd(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private static void Row(string name, List<double> values, TimeSpan? cpu) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {values.Count} | {SideBySide.Quantile([.. values], 0.5):0.000} ms | "
        + $"{SideBySide.Quantile([.. values], 0.1):0.000} ms | {SideBySide.Quantile([.. values], 0.9):0.000} ms | "
        + $"{(cpu is { } c ? $"{c.TotalMilliseconds:0.00} ms" : "-")} |"));
}
