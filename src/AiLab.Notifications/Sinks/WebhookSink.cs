using System.Net;
using System.Text;
using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;

namespace AiLab.Notifications.Sinks;

/// <summary>POSTs the incident as JSON (<see cref="IncidentJson"/>), with an <c>Idempotency-Key</c> header equal to
/// the incident id so that a receiver can drop a repeat.</summary>
public sealed class WebhookSink(WebhookSinkConfig config, HttpClient http) : INotificationSink
{
    private const int ExcerptLength = 300;

    /// <inheritdoc />
    public string Name => config.Name;

    /// <inheritdoc />
    public string Type => config.Type;

    /// <inheritdoc />
    public async Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url)
        {
            Content = new StringContent(IncidentJson.Serialize(incident), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", incident.Id);
        request.Headers.TryAddWithoutValidation("User-Agent", "ailab");
        foreach (var (name, value) in config.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return DeliveryOutcome.Delivered($"HTTP {(int)response.StatusCode} from {config.Url}");

            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var excerpt = body.Length > ExcerptLength ? body[..ExcerptLength] + "..." : body;
            var error = $"{config.Url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt.Trim()}";
            var code = (int)response.StatusCode;
            // 408 and 429 say "later"; any other 4xx says the request itself is wrong.
            var permanent = code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            return permanent ? DeliveryOutcome.Permanent(error) : DeliveryOutcome.Transient(error);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Transient($"cannot reach {config.Url}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"{config.Url} did not answer within {config.Timeout.TotalSeconds:0.#} s");
        }
    }
}
