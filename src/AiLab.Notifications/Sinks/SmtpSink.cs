using System.Net.Sockets;
using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AiLab.Notifications.Sinks;

/// <summary>Mails the incident over SMTP with MailKit. The Message-Id is derived from the incident id, so a mail client
/// or list archive recognises a repeat (SMTP itself cannot be asked whether a message was sent before).</summary>
public sealed class SmtpSink(SmtpSinkConfig config, Func<string, string?> environment) : INotificationSink
{
    /// <inheritdoc />
    public string Name => config.Name;

    /// <inheritdoc />
    public string Type => config.Type;

    /// <summary>The Message-Id of an incident's mail (without angle brackets).</summary>
    public static string MessageId(string incidentId) => $"{incidentId}@ailab.incidents";

    /// <inheritdoc />
    public async Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        string? password = null;
        if (config.Username is not null)
        {
            password = environment(config.PasswordEnvironmentVariable!);
            if (string.IsNullOrEmpty(password))
                return DeliveryOutcome.Permanent(
                    $"environment variable {config.PasswordEnvironmentVariable} is not set; "
                    + $"it must hold the SMTP password of {config.Username}");
        }

        using var message = Compose(incident);
        var server = $"{config.Host}:{config.Port}";
        using var client = new SmtpClient { Timeout = (int)config.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(config.Host, config.Port, Options(config.Security), cancellationToken)
                .ConfigureAwait(false);
            if (password is not null)
                await client.AuthenticateAsync(config.Username!, password, cancellationToken).ConfigureAwait(false);
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Delivered($"<{message.MessageId}> via {server}");
        }
        catch (SmtpCommandException e)
        {
            var error = $"{server} refused ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}";
            // 5xx is a final refusal (bad recipient, policy); 4xx is "try later".
            return (int)e.StatusCode >= 500 ? DeliveryOutcome.Permanent(error) : DeliveryOutcome.Transient(error);
        }
        catch (NotSupportedException e)
        {
            // MailKit's way of saying the server lacks what the config demands (STARTTLS, or the login mechanism).
            return DeliveryOutcome.Permanent(
                $"{server}: {e.Message} (the sink's 'tls' is {config.Security.ToString().ToLowerInvariant()})");
        }
        catch (AuthenticationException e)
        {
            return DeliveryOutcome.Permanent($"{server} rejected the login of {config.Username}: {e.Message}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException
                                      or ServiceNotConnectedException or SslHandshakeException)
        {
            return DeliveryOutcome.Transient($"cannot deliver through {server}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"{server} did not answer within {config.Timeout.TotalSeconds:0.#} s");
        }
    }

    private MimeMessage Compose(Incident incident)
    {
        var message = new MimeMessage
        {
            MessageId = MessageId(incident.Id),
            Subject = $"[ailab] {incident.Title()}",
            Date = incident.CreatedAt,
            Body = new TextPart("plain") { Text = IncidentMarkdown.Body(incident) },
        };
        message.From.Add(MailboxAddress.Parse(config.From));
        foreach (var to in config.To)
            message.To.Add(MailboxAddress.Parse(to));
        if (config.ToAuthor && !config.To.Contains(incident.Culprit.AuthorEmail, StringComparer.OrdinalIgnoreCase))
            message.To.Add(new MailboxAddress(incident.Culprit.AuthorName, incident.Culprit.AuthorEmail));
        message.Headers.Add("X-AiLab-Incident", incident.Id);
        return message;
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
