using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Scheduling;

/// <summary>POST /api/v1/webhooks/commit against the real <c>ailab serve --watch</c> process with an hour between
/// polls: a push with a token queues the commit and the scheduler runs it at once (change tier), a release tag gets
/// the release tier with its own trial count; without a token, for an unwatched ref, or with a commit the server's
/// repository does not hold, nothing is queued.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task Webhook_PushWithToken_QueuesAndRunsTheCommitWithoutWaitingForThePoll()
    {
        using var dir = new TempDirectory("ailab-hook-");
        var repo = dir.Combine("repo");
        var commits = FixtureRepository.Create(repo);
        var db = dir.File("lab.db");
        string token;
        using (var tokens = LabData.OpenTokens(db))
            token = (await new TokenAdmin(tokens.ApiTokens, TimeProvider.System).CreateAsync("hook")).Secret;
        var (server, address) = await StartServeAsync(dir, repo, db);
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            // The start-up poll queues main's head; wait for it so the queue is quiet.
            await ServeProcess.WaitForAsync(async () => await ItemAsync(client, commits[^1], "done"),
                "main's head to run");

            var next = FixtureRepository.CommitReadmeLine(repo, "Tidy the README");
            using var anonymous = await client.PostAsJsonAsync("/api/v1/webhooks/commit", new { @ref =
                "refs/heads/main" });
            var afterAnonymous = await QueueAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var unwatched = await client.PostAsJsonAsync("/api/v1/webhooks/commit", new { @ref =
                "refs/heads/other" });
            using var stale = await client.PostAsJsonAsync("/api/v1/webhooks/commit", new { @ref = "refs/heads/main",
                after = "0123456789ab" });
            var afterRefusals = await QueueAsync(client);
            using var push = await client.PostAsJsonAsync("/api/v1/webhooks/commit", new { @ref = "refs/heads/main",
                after = next });
            var pushed = JsonNode.Parse(await push.Content.ReadAsStringAsync())!;
            var ran = await ServeProcess.WaitForAsync(async () => await ItemAsync(client, next, "done"),
                "the pushed commit to run");
            FixtureRepository.Git(repo, null, "tag", "v1.0-rc1", next);
            using var tag = await client.PostAsJsonAsync("/api/v1/webhooks/commit", new { @ref =
                "refs/tags/v1.0-rc1" });
            var release = await ServeProcess.WaitForAsync(async () => await ItemAsync(client, next, "done", "release"),
                "the release candidate to run");
            var releaseExperiment =
                await client.GetJsonAsync($"/api/v1/experiments/{release["experimentId"]!.GetValue<string>()}");

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(1, afterAnonymous);
            Assert.Equal(HttpStatusCode.BadRequest, unwatched.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(1, afterRefusals);
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
            Assert.Equal(1, pushed["queued"]!.GetValue<int>());
            Assert.Equal(("change", commits[^1]), (ran["tier"]!.GetValue<string>(),
                ran["baseCommit"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.Accepted, tag.StatusCode);
            Assert.Equal("tag:v1.0-rc1", release["branch"]!.GetValue<string>());
            Assert.Equal("release", releaseExperiment["tier"]!.GetValue<string>());
            Assert.Equal(3, releaseExperiment["trialsPerVariant"]!.GetValue<int>());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<int> QueueAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray().Count;

    private static async Task<JsonNode?> ItemAsync(HttpClient client, string commit, string status, string tier =
        "change")
    {
        var items = (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray();
        var item = items.FirstOrDefault(i => i!["commit"]!.GetValue<string>() == commit
            && i["tier"]!.GetValue<string>() == tier);
        var now = item?["status"]!.GetValue<string>();
        if (now == "failed") throw new InvalidOperationException($"item for {commit} failed: {item!["reason"]}");
        return now == status ? item : null;
    }

    private static Task<(Process Process, Uri Address)> StartServeAsync(TempDirectory dir, string repo, string db) =>
        ServeProcess.StartAsync(dir.Path, dir.Combine("home"), "--db", db, "--port", "0", "--watch", repo,
            "--run", FixtureRepository.Run,
            "--poll", "3600", "--trials", "2", "--release-tags", "v*", "--release-trials", "3");
}
