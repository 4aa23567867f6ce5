using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace AiLab.Server.Tests.Fixtures;

/// <summary>A lab with real data behind a real server: the fixture workload run through the real CLI (an A/B
/// experiment with its confirmation, a bisection that files an incident, a calibration) into a temp SQLite store,
/// then <c>LabServer</c> on Kestrel on a free port of 127.0.0.1, with one valid and one revoked token.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("ailab-server-");
    private LabData? _data;
    private WebApplication? _app;

    /// <summary>The SQLite database the experiments went into.</summary>
    public string DatabasePath => _root.File("lab.db");

    /// <summary>The fixture repository's commits, oldest first.</summary>
    public IReadOnlyList<string> Commits { get; private set; } = [];

    /// <summary>The server's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A valid token's secret.</summary>
    public string ValidToken { get; private set; } = "";

    /// <summary>A revoked token's secret.</summary>
    public string RevokedToken { get; private set; } = "";

    /// <summary>The data the server reads (for a second server over the same store).</summary>
    public LabData Data => _data!;

    /// <summary>A client of the server, without credentials.</summary>
    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var repo = _root.Combine("repo");
        var home = _root.Combine("home");
        Commits = FixtureRepository.Create(repo);
        string[] common = ["--repo", repo, "--run", FixtureRepository.Run, "--db", DatabasePath, "--seed", "7", "-q"];
        await Cli.RunAsync(_root.Path, home, ["ab", "--a", Commits[0], "--b", Commits[^1], "--trials", "6", .. common]);
        await Cli.RunAsync(_root.Path, home, ["bisect", "--good", Commits[0], "--bad", Commits[^1], "--trials", "6", .. common]);
        await Cli.RunAsync(_root.Path, home, ["calibrate", "--rev", Commits[0], "--experiments", "2", "--trials", "6", .. common]);

        using (var tokens = LabData.OpenTokens(DatabasePath))
        {
            var admin = new TokenAdmin(tokens.ApiTokens, TimeProvider.System);
            ValidToken = (await admin.CreateAsync("tests")).Secret;
            var (revoked, secret) = await admin.CreateAsync("revoked");
            await admin.RevokeAsync(revoked.Id);
            RevokedToken = secret;
        }

        _data = LabData.OpenSqlite(DatabasePath);
        (_app, BaseAddress) = await StartAsync(new ServerOptions { DatabasePath = DatabasePath, Port = 0 });
    }

    /// <summary>Starts another server over the same data with <paramref name="options"/>.</summary>
    public async Task<(WebApplication App, Uri Address)> StartAsync(ServerOptions options)
    {
        var app = LabServer.Build(options, Data);
        await app.StartAsync();
        return (app, LabServer.BoundAddress(app));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _data?.Dispose();
        _root.Dispose();
    }
}
