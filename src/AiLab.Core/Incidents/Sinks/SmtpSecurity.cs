namespace AiLab.Core.Incidents.Sinks;

/// <summary>How an SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on localhost or a trusted network.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587 or 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}
