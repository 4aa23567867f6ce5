namespace AiLab.Core.Incidents.Sinks;

/// <summary>The <c>notify:</c> section of ailab.yaml: where incidents go, and how hard to try.</summary>
/// <param name="Sinks">The sinks, in file order.</param>
/// <param name="Attempts">Tries per incident and sink in one notify run, the first included.</param>
/// <param name="Backoff">Delay before the second try; each further try waits twice as long.</param>
public sealed record NotifyConfig(IReadOnlyList<SinkConfig> Sinks, int Attempts, TimeSpan Backoff)
{
    /// <summary>The default number of tries.</summary>
    public const int DefaultAttempts = 4;

    /// <summary>The default first delay.</summary>
    public static readonly TimeSpan DefaultBackoff = TimeSpan.FromSeconds(2);

    /// <summary>No sinks: incidents are stored and shown, not sent.</summary>
    public static readonly NotifyConfig None = new([], DefaultAttempts, DefaultBackoff);
}
