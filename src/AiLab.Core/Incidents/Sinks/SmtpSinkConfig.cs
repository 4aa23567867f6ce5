namespace AiLab.Core.Incidents.Sinks;

/// <summary>Mail each incident over SMTP.</summary>
/// <param name="Name">The sink's name.</param>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port.</param>
/// <param name="From">The sender address.</param>
/// <param name="To">The recipients; empty is allowed when <paramref name="ToAuthor"/> is set.</param>
/// <param name="ToAuthor">Also mail the culprit commit's author.</param>
/// <param name="Security">Plain, STARTTLS or TLS.</param>
/// <param name="Username">The login, or null for no authentication.</param>
/// <param name="PasswordEnvironmentVariable">The environment variable that holds the password (with <paramref name="Username"/>).</param>
/// <param name="Timeout">Limit of one delivery.</param>
public sealed record SmtpSinkConfig(
    string Name,
    string Host,
    int Port,
    string From,
    IReadOnlyList<string> To,
    bool ToAuthor,
    SmtpSecurity Security,
    string? Username,
    string? PasswordEnvironmentVariable,
    TimeSpan Timeout) : SinkConfig(Name)
{
    /// <summary>The default timeout of one delivery.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override string Type => "smtp";
}
