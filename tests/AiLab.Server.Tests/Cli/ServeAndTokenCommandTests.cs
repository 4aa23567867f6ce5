using System.Diagnostics;

namespace AiLab.Server.Tests.Cli;

/// <summary><c>ailab serve</c> and <c>ailab token</c> as the user runs them (the real CLI as a process): bad input
/// exits 2 with a message that names the option and the fix; a created token is listed, revoked, and never printed
/// by list.</summary>
public sealed class ServeAndTokenCommandTests
{
    [Theory]
    [InlineData("--port 70000", "--port")]
    [InlineData("--bind localhost", "--bind")]
    [InlineData("--watch . ", "--run")]
    [InlineData("--run true", "--watch")]
    [InlineData("--watch . --run true --trials 1", "--trials")]
    public async Task Serve_BadOption_ExitsTwoAndSaysWhy(string options, string named)
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = await RunAsync(dir, ["serve", "--db", dir.File("lab.db"), .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CreateListRevoke_ShowsTheSecretOnceAndRevokes()
    {
        using var dir = new TempDirectory();
        var db = dir.File("lab.db");

        var (created, secret, _) = await RunAsync(dir, ["token", "create", "--name", "ci", "--db", db]);
        var (_, listed, _) = await RunAsync(dir, ["token", "list", "--db", db]);
        var id = listed.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var (revoked, _, _) = await RunAsync(dir, ["token", "revoke", id, "--db", db]);
        var (_, after, _) = await RunAsync(dir, ["token", "list", "--db", db]);
        var (unknown, _, unknownErr) = await RunAsync(dir, ["token", "revoke", "tok-00000000", "--db", db]);
        var (noName, _, noNameErr) = await RunAsync(dir, ["token", "create", "--db", db]);

        Assert.Equal(0, created);
        Assert.StartsWith("ailab_", secret.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Trim(), listed, StringComparison.Ordinal);
        Assert.Contains("valid", listed, StringComparison.Ordinal);
        Assert.Equal(0, revoked);
        Assert.Contains("revoked", after, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("token list", unknownErr, StringComparison.Ordinal);
        Assert.Equal(2, noName);
        Assert.Contains("--name", noNameErr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TempDirectory dir, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ailab.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["AILAB_HOME"] = dir.Combine("home");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"ailab {string.Join(' ', args)} did not exit within 2 minutes (a server that should not have started?)");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
