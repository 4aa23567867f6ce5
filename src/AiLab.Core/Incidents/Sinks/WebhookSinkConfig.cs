namespace AiLab.Core.Incidents.Sinks;

/// <summary>POST each incident as JSON to a URL.</summary>
/// <param name="Name">The sink's name.</param>
/// <param name="Url">Absolute http or https URL.</param>
/// <param name="Headers">Extra request headers, as written.</param>
/// <param name="Timeout">Limit of one request.</param>
public sealed record WebhookSinkConfig(string Name, Uri Url, IReadOnlyDictionary<string, string> Headers, TimeSpan Timeout) : SinkConfig(Name)
{
    /// <summary>The default request timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override string Type => "webhook";
}
