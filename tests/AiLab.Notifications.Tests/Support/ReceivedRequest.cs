namespace AiLab.Notifications.Tests.Support;

/// <summary>One request as the loopback server received it.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => PathAndQuery.Split('?')[0];

    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(PathAndQuery.Contains('?') ? PathAndQuery[(PathAndQuery.IndexOf('?') + 1)..] : "")[name];
}
