using AiLab.Core.Incidents.Sinks;

namespace AiLab.Notifications;

/// <summary>How hard the notifier tries within one run.</summary>
public sealed record NotifierOptions
{
    /// <summary>Tries per incident and sink, the first included (default 4).</summary>
    public int MaxAttempts { get; init; } = NotifyConfig.DefaultAttempts;

    /// <summary>Delay before the second try; each further try waits twice as long (default 2 s).</summary>
    public TimeSpan BaseDelay { get; init; } = NotifyConfig.DefaultBackoff;

    /// <summary>Upper bound of one delay (default 1 min).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The options of a <c>notify:</c> section.</summary>
    public static NotifierOptions From(NotifyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new NotifierOptions { MaxAttempts = config.Attempts, BaseDelay = config.Backoff };
    }

    /// <summary>The delay after failed try number <paramref name="attempt"/> (1-based): base × 2^(attempt−1), capped.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
