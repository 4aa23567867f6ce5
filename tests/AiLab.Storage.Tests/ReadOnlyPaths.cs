using System.Diagnostics;

namespace AiLab.Storage.Tests;

/// <summary>Makes files and directories truly read-only for the duration of a test, root included: the tests run as
/// root in CI containers, where permission bits stop nothing, so the immutable attribute (<c>chattr +i</c>) is used.</summary>
internal sealed class ReadOnlyPaths : IDisposable
{
    private readonly string[] paths;

    public ReadOnlyPaths(params string[] paths)
    {
        this.paths = paths;
        foreach (var path in paths)
            Change("+i", path);
    }

    public void Dispose()
    {
        foreach (var path in paths.Reverse())
            Change("-i", path);
    }

    private static void Change(string flag, string path)
    {
        var info = new ProcessStartInfo("chattr") { RedirectStandardError = true };
        info.ArgumentList.Add(flag);
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {path} failed: {error}");
    }
}
