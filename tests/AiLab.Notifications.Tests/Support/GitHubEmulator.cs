using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiLab.Notifications.Tests.Support;

/// <summary>The part of GitHub's REST API that the issue sink calls (list issues by label, create an issue), served
/// over loopback HTTP under GitHub Enterprise's <c>/api/v3/</c> prefix, with its issues kept in memory.</summary>
internal sealed partial class GitHubEmulator : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _issues = [];
    private readonly LoopbackHttpServer _server;

    public GitHubEmulator(string owner, string repo, string token, int? port = null)
    {
        Owner = owner;
        Repo = repo;
        Token = token;
        _server = new LoopbackHttpServer(Handle, port);
    }

    public string Owner { get; }

    public string Repo { get; }

    public string Token { get; }

    /// <summary>When set, every request gets this status (a GitHub that is down or throttling).</summary>
    public int? FailWith { get; set; }

    public Uri BaseUri => _server.BaseUri;

    public int Port => _server.Port;

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public IReadOnlyList<JsonObject> Issues
    {
        get
        {
            lock (_gate)
            {
                return [.. _issues.Select(i => (JsonObject)i.DeepClone())];
            }
        }
    }

    public GitHubEmulator Start()
    {
        _server.Start();
        return this;
    }

    public void Stop() => _server.Stop();

    /// <summary>Files an issue as if someone (or an earlier AiLab) had, bypassing the API.</summary>
    public void Seed(string title, string body, params string[] labels) => AddIssue(title, body, labels);

    public void Dispose() => _server.Dispose();

    private CannedResponse Handle(ReceivedRequest request)
    {
        if (FailWith is { } status)
            return new CannedResponse(status, """{"message":"Service Unavailable"}""");
        if (!request.Headers.TryGetValue("Authorization", out var auth) || !auth.EndsWith(" " + Token, StringComparison.Ordinal))
            return new CannedResponse(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");

        var match = IssuesPath().Match(request.Path);
        if (!match.Success || match.Groups[1].Value != Owner || match.Groups[2].Value != Repo)
            return new CannedResponse(404, """{"message":"Not Found"}""");

        return request.Method switch
        {
            "GET" => List(request),
            "POST" => Create(request),
            _ => new CannedResponse(405, """{"message":"Method Not Allowed"}"""),
        };
    }

    private CannedResponse List(ReceivedRequest request)
    {
        var wanted = (request.Query("labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var state = request.Query("state") ?? "open";
        lock (_gate)
        {
            var issues = _issues.Where(i => state == "all" || (string?)i["state"] == state)
                .Where(i => wanted.All(l => i["labels"]!.AsArray().Any(x => (string?)x!["name"] == l)));
            return CannedResponse.Ok(new JsonArray([.. issues.Select(i => (JsonNode)i.DeepClone())]).ToJsonString());
        }
    }

    private CannedResponse Create(ReceivedRequest request)
    {
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var title = (string?)body["title"];
        if (string.IsNullOrWhiteSpace(title))
            return new CannedResponse(422, """{"message":"Validation Failed"}""");
        var labels = body["labels"]?.AsArray().Select(l => (string)l!).ToArray() ?? [];
        var issue = AddIssue(title, (string?)body["body"] ?? "", labels);
        return new CannedResponse(201, issue.ToJsonString());
    }

    private JsonObject AddIssue(string title, string body, string[] labels)
    {
        lock (_gate)
        {
            var number = _issues.Count + 1;
            var issue = new JsonObject
            {
                ["id"] = 1000 + number,
                ["node_id"] = $"I_{number}",
                ["number"] = number,
                ["url"] = $"{BaseUri}api/v3/repos/{Owner}/{Repo}/issues/{number}",
                ["html_url"] = $"{BaseUri}{Owner}/{Repo}/issues/{number}",
                ["state"] = "open",
                ["title"] = title,
                ["body"] = body,
                ["user"] = new JsonObject { ["login"] = "ailab-bot", ["id"] = 7 },
                ["labels"] = new JsonArray([.. labels.Select((l, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["name"] = l, ["color"] = "ededed" })]),
                ["comments"] = 0,
                ["locked"] = false,
                ["created_at"] = "2026-11-23T09:15:00Z",
                ["updated_at"] = "2026-11-23T09:15:00Z",
            };
            _issues.Add(issue);
            return (JsonObject)issue.DeepClone();
        }
    }

    [GeneratedRegex(@"^/api/v3/repos/([^/]+)/([^/]+)/issues$")]
    private static partial Regex IssuesPath();
}
