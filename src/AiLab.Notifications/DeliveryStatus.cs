namespace AiLab.Notifications;

/// <summary>Where one incident stands with one sink after a notify run.</summary>
public enum DeliveryStatus
{
    /// <summary>Delivered in this run.</summary>
    Delivered,

    /// <summary>Every try in this run failed; the delivery stays pending.</summary>
    Failed,

    /// <summary>Not tried: the sink had already failed every try in this run; the delivery stays pending.</summary>
    Skipped,
}
