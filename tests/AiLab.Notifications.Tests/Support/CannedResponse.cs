namespace AiLab.Notifications.Tests.Support;

/// <summary>What the loopback server answers.</summary>
internal sealed record CannedResponse(int Status, string Body, string ContentType = "application/json")
{
    public static CannedResponse Ok(string body = "{}") => new(200, body);
}
