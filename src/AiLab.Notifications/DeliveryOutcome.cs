namespace AiLab.Notifications;

/// <summary>What one delivery attempt achieved.</summary>
/// <param name="Succeeded">True when the sink has the incident.</param>
/// <param name="Reference">Where it landed (issue URL, Message-Id, file path); null if the sink has no such thing.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="IsPermanent">True when trying again now cannot help (bad credentials, a rejected request):
/// the notifier stops retrying in this run; the delivery stays pending for the next one.</param>
public sealed record DeliveryOutcome(bool Succeeded, string? Reference, string? Error, bool IsPermanent)
{
    /// <summary>The sink has the incident.</summary>
    public static DeliveryOutcome Delivered(string? reference) => new(true, reference, null, false);

    /// <summary>The sink is down or failed in a way that may pass.</summary>
    public static DeliveryOutcome Transient(string error) => new(false, null, error, false);

    /// <summary>The sink refused in a way that retrying now will not change.</summary>
    public static DeliveryOutcome Permanent(string error) => new(false, null, error, true);
}
