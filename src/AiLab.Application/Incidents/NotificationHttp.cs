namespace AiLab.Application.Incidents;

/// <summary>The HTTP client the notification sinks share for one request.</summary>
public static class NotificationHttp
{
    /// <summary>A client without its own timeout: each sink applies its own (NotifierOptions), and a client-wide one
    /// would cut a slow sink's retries short.</summary>
    public static HttpClient Create() => new() { Timeout = Timeout.InfiniteTimeSpan };
}
