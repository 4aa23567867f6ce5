using System.Diagnostics;
using MimeKit;

namespace AiLab.Notifications.Tests.Support;

/// <summary>A real SMTP server: Debian's aiosmtpd (<c>/usr/bin/python3 -m aiosmtpd</c>) on loopback, delivering into a
/// maildir that the test reads back.</summary>
internal sealed class SmtpServer : IDisposable
{
    private readonly string _maildir;
    private Process? _process;

    public SmtpServer(string maildir, int? port = null)
    {
        _maildir = maildir;
        Port = port ?? FreePort.Next();
    }

    public int Port { get; }

    public async Task<SmtpServer> StartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start aiosmtpd");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(15));
        return this;
    }

    /// <summary>The messages delivered so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
