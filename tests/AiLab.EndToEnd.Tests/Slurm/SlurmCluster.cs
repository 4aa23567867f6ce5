using System.Diagnostics;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Slurm;

/// <summary>The real single-node cluster that scripts/start-slurm.sh starts (scripts/test.sh does it first). The
/// tests of Category=Slurm need it and fail, saying how to start it, when it does not answer: a skipped test would
/// hide that the Slurm executor went untested.</summary>
internal static class SlurmCluster
{
    public const string Category = "Slurm";

    public const string HowToStart = "start the single-node test cluster with: sudo scripts/start-slurm.sh (it installs "
        + "slurm-wlm and munge when missing; scripts/test.sh runs it before the tests)";

    /// <summary>Fails the test unless the cluster's node is up.</summary>
    public static void Require()
    {
        var (code, output) = Run("sinfo", "-h", "-o", "%T");
        var state = output.Trim().Split('\n')[0];
        if (code != 0 || state is not ("idle" or "mixed" or "allocated" or "completing"))
            Assert.Fail($"no Slurm cluster answers here (sinfo: exit {code}, '{output.Trim()}'); {HowToStart}");
    }

    /// <summary>Submits a job that holds <paramref name="cpus"/> CPUs for <paramref name="seconds"/>; returns its
    /// id.</summary>
    public static string Fill(int cpus, double seconds)
    {
        var (code, output) = Run("sbatch", "--parsable", "--job-name=filler", $"--cpus-per-task={cpus}", "--output=/dev/null",
            "--wrap", $"sleep {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.True(code == 0, $"sbatch of a filler job failed: {output}");
        return output.Trim().Split(';')[0];
    }

    /// <summary>The ids of this machine's jobs named <paramref name="name"/> in <paramref name="state"/>.</summary>
    public static IReadOnlyList<string> Jobs(string name, string state)
    {
        var (_, output) = Run("squeue", "-h", "-n", name, "-t", state, "-o", "%i");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Cancels jobs as an administrator would (<c>scancel</c>).</summary>
    public static void Cancel(params string[] ids)
    {
        if (ids.Length > 0) Run("scancel", ids);
    }

    /// <summary>Cancels every filler job left behind.</summary>
    public static void CancelFillers() => Run("scancel", "-n", "filler");

    /// <summary>The launcher the tests run: a torch-free stand-in for the demo's train.py with its phases, whose
    /// candidate calls the demo's blocking telemetry (examples/pytorch-train/telemetry_blocking.py) in config
    /// validation when TELEMETRY=blocking, and crashes after config validation when CRASH=1.</summary>
    public const string Launcher = """
        import os
        import sys
        import time

        import telemetry_blocking
        from ailab_probe import mark

        time.sleep(0.2)  # stands in for the imports of a real launcher
        mark("imports")
        cfg = {"batch_size": 32, "lr": 0.001}
        if os.environ.get("TELEMETRY") == "blocking":
            telemetry_blocking.log_config(cfg)
        mark("config_validation")
        if os.environ.get("CRASH") == "1":
            print("launcher: crashing on purpose", file=sys.stderr)
            sys.exit(3)
        data = list(range(cfg["batch_size"] * 100))
        mark("preprocessing")
        batch = data[:8]
        mark("first_batch")
        time.sleep(float(os.environ.get("AFTER_S", "0")))
        """;

    /// <summary>Writes the launcher and the demo's telemetry module into the sandbox's work directory.</summary>
    public static void WriteLauncher(Sandbox sandbox)
    {
        sandbox.Write("launcher.py", Launcher);
        var telemetry = Path.Combine(Path.GetDirectoryName(AilabProcess.DllPath)!, "examples", "pytorch-train",
            "telemetry_blocking.py");
        sandbox.Write("telemetry_blocking.py", File.ReadAllText(telemetry));
    }

    private static (int Code, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{command}: {e.Message}");
        }
    }
}
