using System.Diagnostics;

namespace AiLab.Lab.Demo;

/// <summary>Finds a Python interpreter that can import torch: <c>$AILAB_PYTHON</c>, the <c>python3</c> on PATH,
/// then Debian's <c>/usr/bin/python3</c> (where <c>apt-get install python3-torch</c> puts it).</summary>
public static class PythonLocator
{
    /// <summary>How to install PyTorch where it is missing.</summary>
    public const string InstallHint = "sudo apt-get install -y --no-install-recommends python3-torch   (Debian/Ubuntu; or pip install torch)";

    /// <summary>The first interpreter that imports torch, or null.</summary>
    public static string? FindWithTorch()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("AILAB_PYTHON"), "python3", "/usr/bin/python3" };
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct())
            if (Imports(candidate!, "torch")) return candidate;
        return null;
    }

    private static bool Imports(string python, string module)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"import {module}");
            using var process = Process.Start(start);
            if (process is null) return false;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such interpreter
        }
    }
}
