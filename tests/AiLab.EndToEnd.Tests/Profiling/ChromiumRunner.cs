using System.Diagnostics;

namespace AiLab.EndToEnd.Tests.Profiling;

/// <summary>Real headless Chromium (Debian's, installed by scripts/setup-chromium.sh): the rendered DOM after the
/// page's script ran, and a screenshot.</summary>
internal static class ChromiumRunner
{
    public static string Locate() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("Chromium is not installed: run scripts/setup-chromium.sh (apt-get " +
            "install -y chromium)");

    public static string DumpDom(string chromium, string html) => Run(chromium, "--dump-dom",
        new Uri(html).AbsoluteUri);

    public static string Screenshot(string chromium, string html, string png)
    {
        Run(chromium, $"--screenshot={png}", "--window-size=1400,900", new Uri(html).AbsoluteUri);
        return File.Exists(png) ? png : throw new Xunit.Sdk.XunitException($"chromium wrote no screenshot to {png}");
    }

    private static string Run(string chromium, params string[] args)
    {
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        // --no-sandbox: the tests run as root on the CI machines, where Chromium refuses its sandbox.
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--allow-file-access-from-files", .. args])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("chromium did not finish within 2 minutes");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
