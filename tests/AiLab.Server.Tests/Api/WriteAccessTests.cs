using System.Net;
using System.Text.Json.Nodes;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Api;

/// <summary>Every write needs a valid token: without one, or with an unknown one, 401; with a revoked one, 403; and
/// in each refused case nothing is written. Against the real server on Kestrel.</summary>
[Collection(LabCollection.Name)]
public sealed class WriteAccessTests(LabFixture lab)
{
    [Fact]
    public async Task IngestExperiment_WithoutValidToken_IsRefusedAndWritesNothing()
    {
        using var client = lab.Client();
        var experiment = await CopyOfAnExperimentAsync(client, "ab-ingested-refused");
        var countBefore = (await client.AllPagesAsync("/api/v1/experiments", 500)).Count;

        foreach (var (token, status) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("ailab_00000000_not-a-token", HttpStatusCode.Unauthorized), (lab.RevokedToken, HttpStatusCode.Forbidden) })
        {
            using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", token, experiment);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal((int)status, problem["status"]!.GetValue<int>());
            using var lookup = await client.GetAsync(new Uri("/api/v1/experiments/ab-ingested-refused", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }

        Assert.Equal(countBefore, (await client.AllPagesAsync("/api/v1/experiments", 500)).Count);
    }

    [Fact]
    public async Task IngestExperimentAndTrials_WithValidToken_AreStored()
    {
        using var client = lab.Client();
        var source = (await client.AllPagesAsync("/api/v1/experiments", 500)).First(e => e["verdict"] is not null)["id"]!.GetValue<string>();
        var experiment = await CopyOfAnExperimentAsync(client, "ab-ingested-ok");
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments", lab.ValidToken, experiment))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var trials = (await client.GetJsonAsync($"/api/v1/experiments/{source}/trials?limit=500"))["items"]!.AsArray();
        var copies = new JsonArray([.. trials.Take(3).Select(t => { var c = t!.DeepClone(); c["experimentId"] = "ab-ingested-ok"; return c; })]);
        using (var added = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments/ab-ingested-ok/trials", lab.ValidToken, copies))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using (var again = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments/ab-ingested-ok/trials", lab.ValidToken, copies))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var revoked = await client.SendAsync(HttpMethod.Post, "/api/v1/experiments/ab-ingested-ok/trials", lab.RevokedToken, copies))
            Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);

        var stored = await client.GetJsonAsync("/api/v1/experiments/ab-ingested-ok/trials?limit=500");
        Assert.Equal(3, stored["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task TriageIncident_WithoutOrWithRevokedToken_LeavesItsStatus()
    {
        using var client = lab.Client();
        var incident = (await client.GetJsonAsync("/api/v1/incidents"))["items"]!.AsArray()[0]!;
        var id = incident["id"]!.GetValue<string>();
        var before = incident["status"]!.GetValue<string>();

        using (var none = await client.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/invalid", null))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var revoked = await client.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/invalid", lab.RevokedToken))
            Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
        Assert.Equal(before, (await client.GetJsonAsync($"/api/v1/incidents/{id}"))["status"]!.GetValue<string>());

        using (var valid = await client.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/invalid", lab.ValidToken))
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("dismissed", (await client.GetJsonAsync($"/api/v1/incidents/{id}"))["status"]!.GetValue<string>());
        using var reopen = await client.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/reopen", lab.ValidToken);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
    }

    private static async Task<JsonNode> CopyOfAnExperimentAsync(HttpClient client, string id)
    {
        var first = (await client.GetJsonAsync("/api/v1/experiments?limit=1"))["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var experiment = await client.GetJsonAsync($"/api/v1/experiments/{first}");
        experiment["id"] = id;
        // Another workflow, so the copy does not add a point to the fixture's own chart.
        experiment["workflow"]!["name"] = "ingested";
        return experiment;
    }
}
