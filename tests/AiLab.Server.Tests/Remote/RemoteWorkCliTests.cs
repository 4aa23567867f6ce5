using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Remote;

/// <summary><c>bisect</c>, <c>calibrate</c>, <c>change</c> and <c>release</c> with <c>--server URL --token-env VAR</c>
/// against a real <c>ailab serve</c>: what each made locally (steps, calibration, experiments, incident) reaches the
/// server through the API, a
/// calibration or incident written without a valid token is refused, and a server that dies before the end costs
/// nothing: exit 5, everything is in the local store, and the printed <c>ailab submit</c> sends it later.</summary>
public sealed class RemoteWorkCliTests(RemoteServerFixture lab) : IClassFixture<RemoteServerFixture>
{
    private const string TokenVariable = "AILAB_TEST_SERVER_TOKEN";

    [Fact]
    public async Task Bisect_WithServer_SendsEveryStepAndTheIncidentThatTheServerShowsAsABisection()
    {
        var env = new Dictionary<string, string> { [TokenVariable] = lab.ValidToken };
        var db = lab.Root.File("bisect.db");

        var (code, stdout, stderr) = await lab.RunAsync(env, ["bisect", "--repo", lab.Repository, "--good",
            lab.Commits[0], "--bad", lab.Commits[^1], "--run", FixtureRepository.Run, "--trials", "5", "--seed", "3",
            "--json", "-q", "--db", db, "--server", lab.Address.ToString(), "--token-env", TokenVariable]);

        Assert.True(code == 0, $"bisect exited {code}: {stderr}");
        var local = JsonDocument.Parse(stdout).RootElement;
        var incidentId = Assert.Single(local.GetProperty("incidents").EnumerateArray().ToList())
            .GetProperty("id").GetString()!;
        Assert.Contains($"submitted {incidentId} to {lab.Address} (incident, new)", stderr, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = lab.Address };
        var incident = await http.GetJsonAsync($"/api/v1/incidents/{incidentId}");
        Assert.Equal(lab.Commits[2], incident["culprit"]!["sha"]!.GetValue<string>());
        Assert.Equal(FixtureRepository.CulpritAuthor, incident["culprit"]!["authorName"]!.GetValue<string>());
        // Every experiment the bisection ran locally is on the server with all its trials.
        foreach (var id in await LocalExperimentsAsync(db))
        {
            var (_, shown, _) = await lab.RunAsync(null, ["show", id, "--db", db, "--json", "--trials"]);
            var trials = await http.AllPagesAsync($"/api/v1/experiments/{id}/trials", 500);
            Assert.Equal(JsonDocument.Parse(shown).RootElement.GetProperty("trial_results").GetArrayLength(),
                trials.Count);
        }

        var summary = (await http.GetJsonAsync("/api/v1/incidents"))["items"]!.AsArray()
            .Single(i => i!["id"]!.GetValue<string>() == incidentId)!;
        var bisection = await http.GetJsonAsync($"/api/v1/bisections/{summary["bisection"]!.GetValue<string>()}");
        Assert.True(bisection["steps"]!.AsArray().Count >= 2, bisection.ToJsonString());
        var page = await http.GetStringAsync(new Uri($"/bisections/{summary["bisection"]}", UriKind.Relative));
        Assert.Contains(FixtureRepository.CulpritAuthor, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_WithServer_SendsTheCalibrationAndACopyNeedsAValidToken()
    {
        var env = new Dictionary<string, string> { [TokenVariable] = lab.ValidToken };
        var db = lab.Root.File("calibrate.db");

        var (code, stdout, stderr) = await lab.RunAsync(env, ["calibrate", "--repo", lab.Repository, "--rev",
            lab.Commits[0], "--run", FixtureRepository.Run, "--experiments", "2", "--trials", "5", "--seed", "5",
            "--json", "-q", "--db", db, "--server", lab.Address.ToString(), "--token-env", TokenVariable]);

        Assert.True(code == 0, $"calibrate exited {code}: {stderr}");
        var local = JsonDocument.Parse(stdout).RootElement;
        var id = local.GetProperty("calibration_id").GetString()!;
        Assert.Contains($"submitted {id} to {lab.Address} (calibration, new)", stderr, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = lab.Address };
        var stored = await http.GetJsonAsync($"/api/v1/calibrations/{id}");
        var experiments = stored["experimentIds"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Equal(2, experiments.Count);
        foreach (var experiment in experiments)
        {
            using var found = await http.GetAsync(new Uri($"/api/v1/experiments/{experiment}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        var copy = stored.DeepClone();
        copy["id"] = "cal-copied-by-the-test";
        using (var none = await http.SendAsync(HttpMethod.Post, "/api/v1/calibrations", null, copy))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var revoked = await http.SendAsync(HttpMethod.Post, "/api/v1/calibrations", lab.RevokedToken, copy))
            Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
        using (var missing = await http.GetAsync(new Uri("/api/v1/calibrations/cal-copied-by-the-test",
                   UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using (var created = await http.SendAsync(HttpMethod.Post, "/api/v1/calibrations", lab.ValidToken, copy))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await http.SendAsync(HttpMethod.Post, "/api/v1/calibrations", lab.ValidToken, copy);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Release_ServerDiesBeforeTheEnd_ExitsFiveKeepsAllAndThePrintedSubmitSendsItLater()
    {
        using var dir = new TempDirectory("ailab-release-remote-");
        var serverDb = dir.File("server.db");
        string token;
        using (var tokens = LabData.OpenTokens(serverDb))
            token = (await new TokenAdmin(tokens.ApiTokens, TimeProvider.System).CreateAsync("release")).Secret;
        var env = new Dictionary<string, string> { [TokenVariable] = token };
        var config = dir.File("ailab.yaml");
        await File.WriteAllTextAsync(config, $"workflows:\n  fixture:\n    run: {FixtureRepository.Run}\n");
        var db = dir.File("local.db");
        var (server, address) = await ServeProcess.StartAsync(dir.Path, dir.Combine("home"), "--db", serverDb,
            "--port", "0");

        var release = lab.RunAsync(env, ["release", "--repo", lab.Repository, "--from", lab.Commits[0], "--to",
            lab.Commits[^1], "--config", config, "--bisect", "--trials", "5", "--seed", "7", "--json", "-q", "--db",
            db, "--server", address.ToString(), "--token-env", TokenVariable]);
        try
        {
            // The local store is opened after the token was accepted: from then on the server is not needed
            // until the end.
            await ServeProcess.WaitForAsync(() => Task.FromResult(File.Exists(db) ? "" : null),
                "the release to start measuring");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        var (code, stdout, stderr) = await release;
        Assert.True(code == 5, $"release exited {code}: {stderr}");
        Assert.Contains("Nothing measured is lost", stderr, StringComparison.Ordinal);
        var culprit = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("culprits").EnumerateArray()
            .ToList());
        Assert.Equal(lab.Commits[2], culprit.GetProperty("commit").GetString());
        var submit = Regex.Match(stderr, @"ailab submit (?<ids>[^\n]+?) --server ");
        Assert.True(submit.Success, stderr);
        var ids = submit.Groups["ids"].Value.Split(' ');
        var local = await LocalExperimentsAsync(db);
        Assert.Equal(local.Order(StringComparer.Ordinal),
            ids.Where(i => !i.StartsWith("inc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        (server, address) = await ServeProcess.StartAsync(dir.Path, dir.Combine("home"), "--db", serverDb, "--port",
            "0");
        try
        {
            var (submitCode, _, submitErr) = await lab.RunAsync(env, ["submit", .. ids, "--db", db, "--server",
                address.ToString(), "--token-env", TokenVariable]);
            Assert.True(submitCode == 0, $"submit exited {submitCode}: {submitErr}");
            using var http = new HttpClient { BaseAddress = address };
            var held = (await http.AllPagesAsync("/api/v1/experiments", 500)).Select(e => e["id"]!.GetValue<string>());
            Assert.Equal(local.Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
            var incident = Assert.Single((await http.GetJsonAsync("/api/v1/incidents"))["items"]!.AsArray());
            Assert.Equal(lab.Commits[2], incident!["commit"]!.GetValue<string>());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Change_WithServer_SendsTheExperimentOfEachTestItRanWithAllItsTrials()
    {
        var env = new Dictionary<string, string> { [TokenVariable] = lab.ValidToken };
        using var dir = new TempDirectory("ailab-change-remote-");
        var config = dir.File("ailab.yaml");
        await File.WriteAllTextAsync(config, $"workflows:\n  fixture:\n    run: {FixtureRepository.Run}\n");
        var db = dir.File("local.db");
        // A first run records the workflow's footprint (train.py), which the change to train.py then touches.
        var (runCode, _, runErr) = await lab.RunAsync(null, ["run", "--repo", lab.Repository, "--rev",
            lab.Commits[1], "--config", config, "--workflow", "fixture", "--trials", "2", "--warmup", "0", "-q",
            "--db", db]);
        Assert.True(runCode == 0, $"run exited {runCode}: {runErr}");

        var (code, stdout, stderr) = await lab.RunAsync(env, ["change", "--repo", lab.Repository, "--base",
            lab.Commits[1], "--head", lab.Commits[2], "--config", config, "--trials", "4", "--no-confirm", "--json",
            "-q", "--db", db, "--server", lab.Address.ToString(), "--token-env", TokenVariable]);

        Assert.True(code == 0, $"change exited {code}: {stderr}");
        var ran = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("ran").EnumerateArray().ToList());
        var id = ran.GetProperty("experiment_id").GetString()!;
        Assert.Contains($"submitted {id} to {lab.Address}", stderr, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = lab.Address };
        var stored = await http.GetJsonAsync($"/api/v1/experiments/{id}");
        Assert.Equal("change", stored["tier"]!.GetValue<string>());
        Assert.Equal(lab.Commits[2], stored["variants"]!.AsArray()[1]!["revision"]!.GetValue<string>());
        var (_, shown, _) = await lab.RunAsync(null, ["show", id, "--db", db, "--json", "--trials"]);
        var trials = await http.AllPagesAsync($"/api/v1/experiments/{id}/trials", 500);
        Assert.Equal(JsonDocument.Parse(shown).RootElement.GetProperty("trial_results").GetArrayLength(), trials.Count);
        Assert.True(trials.Count >= 8, $"{trials.Count} trials on the server");
    }

    private async Task<List<string>> LocalExperimentsAsync(string db)
    {
        var (code, listed, stderr) = await lab.RunAsync(null, ["list", "--db", db, "--json", "--limit", "1000"]);
        Assert.True(code == 0, stderr);
        return [.. JsonDocument.Parse(listed).RootElement.GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("experiment_id").GetString()!)];
    }
}
