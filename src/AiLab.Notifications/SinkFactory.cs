using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Sinks;

namespace AiLab.Notifications;

/// <summary>Turns the sink settings of ailab.yaml into sinks.</summary>
public static class SinkFactory
{
    /// <summary>One sink per setting, in order.</summary>
    /// <param name="configs">The <c>notify: sinks:</c> settings.</param>
    /// <param name="baseDirectory">What relative Markdown directories are relative to: the config file's directory.</param>
    /// <param name="http">The client webhooks post with (its own timeout is not used: each sink has one).</param>
    /// <param name="environment">Reads secrets (tokens, passwords) by variable name; null for the process environment.</param>
    public static IReadOnlyList<INotificationSink> Create(
        IReadOnlyList<SinkConfig> configs, string baseDirectory, HttpClient http, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(http);
        environment ??= Environment.GetEnvironmentVariable;
        return [.. configs.Select(config => config switch
        {
            WebhookSinkConfig w => (INotificationSink)new WebhookSink(w, http),
            GitHubSinkConfig g => new GitHubIssueSink(g, environment),
            SmtpSinkConfig s => new SmtpSink(s, environment),
            MarkdownSinkConfig m => new MarkdownFileSink(m, Path.Combine(baseDirectory, m.Directory)),
            _ => throw new ArgumentException($"unknown sink type {config.GetType().Name}", nameof(configs)),
        })];
    }
}
