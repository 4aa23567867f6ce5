using System.Diagnostics;
using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Remote;

/// <summary>A real <c>ailab serve</c> process over an empty store with one valid and one revoked token, and the
/// fixture repository to measure: what the CLI's <c>--server</c> talks to.</summary>
public sealed class RemoteServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("ailab-remote-");
    private Process? _server;

    /// <summary>The working directory of the CLI runs.</summary>
    public TempDirectory Root => _root;

    /// <summary>The server's store (its own, apart from the CLI's local store).</summary>
    public string ServerDatabase => _root.File("server.db");

    /// <summary>The CLI's local store.</summary>
    public string LocalDatabase => _root.File("local.db");

    /// <summary>The fixture repository.</summary>
    public string Repository => _root.Combine("repo");

    /// <summary>Its commits, oldest first.</summary>
    public IReadOnlyList<string> Commits { get; private set; } = [];

    /// <summary>The server's address as it printed it.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A valid token.</summary>
    public string ValidToken { get; private set; } = "";

    /// <summary>A revoked token.</summary>
    public string RevokedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Commits = FixtureRepository.Create(Repository);
        // The tables exist once a token was made through the CLI's own path; the revoked one is made directly.
        using (var tokens = LabData.OpenTokens(ServerDatabase))
        {
            var admin = new TokenAdmin(tokens.ApiTokens, TimeProvider.System);
            ValidToken = (await admin.CreateAsync("remote-tests")).Secret;
            var (revoked, secret) = await admin.CreateAsync("revoked");
            await admin.RevokeAsync(revoked.Id);
            RevokedToken = secret;
        }

        (_server, Address) = await ServeProcess.StartAsync(_root.Path, _root.Combine("server-home"), "--db",
            ServerDatabase, "--port", "0");
    }

    /// <summary>Runs <c>ailab ARGS</c> with <paramref name="environment"/> added; returns its exit code and
    /// output.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _root.Path, RedirectStandardOutput = true,
            RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ailab.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "AILAB_EVENTS", "AILAB_DEBUG", "AILAB_AUTO" }) info.Environment.Remove(name);
        info.Environment["AILAB_HOME"] = _root.Combine("cli-home");
        info.Environment["AILAB_CPUS"] = "none";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ailab {string.Join(' ', args)} ran past 6 minutes: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _root.Dispose();
    }
}
