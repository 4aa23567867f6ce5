using System.Net;
using System.Text.Json.Nodes;
using AiLab.Core.Scheduling;
using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Server.Tests.Api;
using AiLab.Storage.Serialization;

namespace AiLab.Server.Tests.Postgres;

/// <summary>The server on a real PostgreSQL store (<c>AILAB_TEST_POSTGRES</c>): tokens made by <c>ailab token</c>'s
/// code guard its writes, and its queue survives a restart, as on SQLite.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Ingest_OnPostgres_RefusesMissingAndRevokedTokensAndStoresWithAValidOne()
    {
        using var schema = new PostgresSchema("srv");
        string valid, revoked;
        using (var stores = LabData.OpenTokens(schema.ConnectionString))
        {
            var admin = new TokenAdmin(stores.ApiTokens, TimeProvider.System);
            valid = (await admin.CreateAsync("ci")).Secret;
            var (token, secret) = await admin.CreateAsync("old");
            await admin.RevokeAsync(token.Id);
            revoked = secret;
        }

        using var data = LabData.Open(schema.ConnectionString);
        await using var app = LabServer.Build(
            new ServerOptions { DatabasePath = schema.ConnectionString, Port = 0 }, data);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = LabServer.BoundAddress(app) };
        var body = JsonNode.Parse(StorageJson.Serialize(Samples.Experiment("ab-pg")))!;

        using (var none = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", null, body))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var old = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", revoked, body))
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Null(await data.ExperimentAsync("ab-pg"));

        using (var ok = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", valid, body))
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        using (var twice = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", valid, body))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var stored = await client.GetJsonAsync("/api/v1/experiments/ab-pg");
        Assert.Equal("mnist", stored["workflow"]!["name"]!.GetValue<string>());
        await app.StopAsync();
    }

    [Fact]
    public async Task Queue_OnPostgres_ARunningItemIsRequeuedByTheNextOpen()
    {
        using var schema = new PostgresSchema("srv");
        var item = new WorkItem
        {
            Repository = "/srv/repo", Branch = "main", BaseCommit = "c0", Commit = "c1",
            EnqueuedAt = DateTimeOffset.UtcNow,
        };
        using (var data = LabData.Open(schema.ConnectionString))
        {
            await data.Queue.EnqueueAsync("/srv/repo", "main", "c1", [item]);
            Assert.Equal("c1", (await data.Queue.ClaimAsync())?.Commit);
        }

        using var reopened = LabData.Open(schema.ConnectionString);
        Assert.Equal(1, await reopened.Queue.RequeueRunningAsync());
        var again = await reopened.Queue.ClaimAsync();
        Assert.Equal(("c1", 2), (again?.Commit, again?.Attempts));
        Assert.Equal("c1", await reopened.Queue.LastSeenAsync("/srv/repo", "main"));
    }
}
