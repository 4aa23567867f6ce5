using System.Text.Json;

namespace AiLab.Server.Tests.Remote;

/// <summary>The CLI with <c>--server URL --token-env VAR</c> against a real <c>ailab serve</c> process: an A/B
/// experiment measured here is submitted (with its confirmation) and read back by list/show/incidents; bad input,
/// an unreachable server and refused tokens exit with their own codes and write nothing.</summary>
public sealed class RemoteCliTests(RemoteServerFixture lab) : IClassFixture<RemoteServerFixture>
{
    private const string TokenVariable = "AILAB_TEST_SERVER_TOKEN";

    [Fact]
    public async Task Ab_WithServer_SubmitsTheExperimentAndItsTrialsThatListAndShowReadBack()
    {
        var env = new Dictionary<string, string> { [TokenVariable] = lab.ValidToken };
        var server = lab.Address.ToString();

        var (code, stdout, stderr) = await lab.RunAsync(env, ["ab", "--repo", lab.Repository, "--a", lab.Commits[0],
            "--b", lab.Commits[^1], "--run", Fixtures.FixtureRepository.Run, "--trials", "5", "--seed", "3", "--json",
            "-q", "--db", lab.LocalDatabase, "--server", server, "--token-env", TokenVariable]);
        Assert.True(code == 0, $"ab exited {code}: {stderr}");
        var local = JsonDocument.Parse(stdout).RootElement;
        var id = local.GetProperty("experiment_id").GetString()!;
        Assert.Contains($"submitted {id} to {server} (new", stderr, StringComparison.Ordinal);
        // The fixture's +120 ms is confirmed by a second experiment, submitted with it (confirmationOf links them).
        Assert.Equal("regression", local.GetProperty("verdict").GetString());
        Assert.Equal(2, stderr.Split("ailab: submitted ").Length - 1);

        var (listCode, listed, listErr) = await lab.RunAsync(null, ["list", "--server", server, "--json"]);
        var (showCode, shown, showErr) = await lab.RunAsync(null, ["show", id[..^1], "--server", server, "--json",
            "--trials"]);
        var (localCode, localShown, _) = await lab.RunAsync(null, ["show", id, "--db", lab.LocalDatabase, "--json",
            "--trials"]);
        var (againCode, _, again) = await lab.RunAsync(env, ["submit", id, "--db", lab.LocalDatabase, "--server",
            server, "--token-env", TokenVariable]);
        var (incidentsCode, incidents, _) = await lab.RunAsync(null, ["incidents", "list", "--server", server]);

        Assert.True(listCode == 0, listErr);
        var ids = JsonDocument.Parse(listed).RootElement.GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("experiment_id").GetString()).ToList();
        Assert.Contains(id, ids);
        Assert.True(showCode == 0, showErr);
        Assert.Equal(0, localCode);
        var remote = JsonDocument.Parse(shown).RootElement;
        var stored = JsonDocument.Parse(localShown).RootElement;
        // The server's copy is the local one: same verdict, every trial (5 per variant and the warm-up) once.
        Assert.Equal(stored.GetProperty("verdict").GetString(), remote.GetProperty("verdict").GetString());
        Assert.Equal(stored.GetProperty("trials").GetProperty("measured").GetInt32(),
            remote.GetProperty("trials").GetProperty("measured").GetInt32());
        Assert.True(remote.GetProperty("trial_results").GetArrayLength() >= 10);
        Assert.Equal(Sequences(stored), Sequences(remote));
        Assert.Equal(0, againCode);
        Assert.Contains($"submitted {id} to {server} (updated, 0 trials added)", again, StringComparison.Ordinal);
        Assert.Equal(0, incidentsCode);
        Assert.Contains($"No incidents in {server}", incidents, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url", "--server")]
    [InlineData("ftp://127.0.0.1/", "http or https")]
    public async Task List_BadServerUrl_ExitsTwoAndSaysWhy(string url, string named)
    {
        var (code, _, stderr) = await lab.RunAsync(null, ["list", "--server", url]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ServerNotListening_ExitsFiveAndNamesIt()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (code, _, stderr) = await lab.RunAsync(null, ["list", "--server", $"http://127.0.0.1:{port}/"]);

        Assert.Equal(5, code);
        Assert.Contains("cannot reach the AiLab server", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ailab_00000000_notATokenThisServerIssuedAAAAAAAAAAAAAAAAAAAAAAA", "401")]
    [InlineData(null, "403")]
    public async Task Ab_RefusedToken_ExitsSixBeforeAnyTrialAndWritesNothing(string? token, string status)
    {
        var env = new Dictionary<string, string> { [TokenVariable] = token ?? lab.RevokedToken };
        var db = lab.Root.File($"refused-{status}.db");
        var before = await ServerExperimentsAsync();

        var (code, _, stderr) = await lab.RunAsync(env, ["ab", "--repo", lab.Repository, "--a", lab.Commits[0],
            "--b", lab.Commits[1], "--run", Fixtures.FixtureRepository.Run, "--trials", "3", "-q", "--db", db,
            "--server", lab.Address.ToString(), "--token-env", TokenVariable]);

        Assert.Equal(6, code);
        Assert.Contains(status, stderr, StringComparison.Ordinal);
        Assert.Contains("$" + TokenVariable, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(env[TokenVariable], stderr, StringComparison.Ordinal);
        Assert.Equal(before, await ServerExperimentsAsync());
        Assert.False(File.Exists(db), "the refused run created a local store: it measured before asking the server");
    }

    [Theory]
    [InlineData(new[] { "--token-env", "AILAB_TEST_UNSET_VARIABLE" }, "AILAB_TEST_UNSET_VARIABLE is not set")]
    [InlineData(new string[0], "--token-env")]
    public async Task Ab_WithServerWithoutUsableToken_ExitsTwoAndSaysHow(string[] tokenArgs, string message)
    {
        var (code, _, stderr) = await lab.RunAsync(null, ["ab", "--repo", lab.Repository, "--a", lab.Commits[0],
            "--b", lab.Commits[1], "--run", Fixtures.FixtureRepository.Run, "--server", lab.Address.ToString(),
                .. tokenArgs]);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    private static List<int> Sequences(JsonElement report) =>
        [.. report.GetProperty("trial_results").EnumerateArray().Select(t
            => t.GetProperty("sequence").GetInt32()).Order()];

    private async Task<int> ServerExperimentsAsync()
    {
        using var http = new HttpClient { BaseAddress = lab.Address };
        var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/experiments?limit=500")).RootElement;
        return page.GetProperty("items").GetArrayLength();
    }
}
