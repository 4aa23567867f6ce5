using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AiLab.Server.Hosting;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Api;

/// <summary>Reads: cursor pagination, ProblemDetails for what the client got wrong, private reads, the OpenAPI
/// document. Against the real server on Kestrel.</summary>
[Collection(LabCollection.Name)]
public sealed class ReadApiTests(LabFixture lab)
{
    [Fact]
    public async Task ListExperiments_PagedByTwo_ReturnsEveryExperimentOnceNewestFirst()
    {
        using var client = lab.Client();
        var whole = (await client.GetJsonAsync("/api/v1/experiments?limit=500"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        var paged = (await client.AllPagesAsync("/api/v1/experiments", 2)).Select(i => i["id"]!.GetValue<string>()).ToList();

        Assert.True(whole.Count >= 5, $"the fixture ran an A/B, its confirmation and a bisection: {whole.Count} experiments");
        Assert.Equal(whole, paged);
        var created = (await client.GetJsonAsync("/api/v1/experiments?limit=500"))["items"]!.AsArray()
            .Select(i => DateTimeOffset.Parse(i!["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
    }

    [Fact]
    public async Task ListTrials_PagedByFive_ReturnsScheduleOrder()
    {
        using var client = lab.Client();
        var id = (await client.GetJsonAsync("/api/v1/experiments?limit=1"))["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var trials = await client.AllPagesAsync($"/api/v1/experiments/{id}/trials", 5);

        Assert.NotEmpty(trials);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t["sequence"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("/api/v1/experiments/ab-no-such-experiment", 404)]
    [InlineData("/api/v1/incidents/inc-0000000000000000", 404)]
    [InlineData("/api/v1/bisections/bis-0000000000000000", 404)]
    [InlineData("/api/v1/experiments?limit=0", 400)]
    [InlineData("/api/v1/experiments?limit=100000", 400)]
    [InlineData("/api/v1/experiments?cursor=bm90LWFuLWlk", 400)]
    [InlineData("/api/v1/calibrations?cursor=%25%25", 400)]
    public async Task Get_BadRequestOrUnknownId_ReturnsProblemDetails(string path, int status)
    {
        using var client = lab.Client();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), body);
    }

    [Fact]
    public async Task PrivateReads_WithoutToken_Returns401AndWithTokenReads()
    {
        var (app, address) = await lab.StartAsync(new ServerOptions { DatabasePath = lab.DatabasePath, Port = 0, PrivateReads = true });
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = address };
            using (var api = await client.GetAsync(new Uri("/api/v1/experiments", UriKind.Relative)))
                Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            using (var page = await client.GetAsync(new Uri("/", UriKind.Relative)))
                Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", lab.RevokedToken);
            using (var revoked = await client.GetAsync(new Uri("/api/v1/experiments", UriKind.Relative)))
                Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", lab.ValidToken);
            using var allowed = await client.GetAsync(new Uri("/api/v1/experiments", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryResource()
    {
        using var client = lab.Client();
        var document = await client.GetJsonAsync("/api/v1/openapi.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        foreach (var path in new[] { "/api/v1/workflows", "/api/v1/experiments", "/api/v1/experiments/{id}/trials", "/api/v1/calibrations", "/api/v1/bisections/{id}", "/api/v1/incidents/{id}/{action}" })
            Assert.Contains(path, paths);
        Assert.DoesNotContain("/", paths);
        // The writes of calibrate/bisect/release --server: documented with their ProblemDetails answers.
        foreach (var path in new[] { "/api/v1/calibrations", "/api/v1/incidents" })
            Assert.NotNull(document["paths"]![path]!["post"]);
    }
}
