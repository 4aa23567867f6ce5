using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;
using AiLab.Notifications.Sinks;
using AiLab.Notifications.Tests.Support;

namespace AiLab.Notifications.Tests.Sinks;

public sealed class SmtpSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DeliverAsync_RealSmtpServer_DeliversTheIncidentWithItsMessageIdToTeamAndAuthor()
    {
        using var server = await new SmtpServer(_temp.File("maildir")).StartAsync();
        var incident = Incidents.Sample();
        var sink = new SmtpSink(Config(server.Port, toAuthor: true), _ => null);

        var outcome = await sink.DeliverAsync(incident, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        var message = Assert.Single(server.Messages());
        Assert.Equal(SmtpSink.MessageId(incident.Id), message.MessageId);
        Assert.Contains($"<{message.MessageId}>", outcome.Reference, StringComparison.Ordinal);
        Assert.Equal(["perf@example.com", "ada@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("ailab@example.com", message.From.Mailboxes.Single().Address);
        Assert.Contains(incident.Id, message.Subject, StringComparison.Ordinal);
        Assert.Equal(incident.Id, message.Headers["X-AiLab-Incident"]);
        Assert.Contains(IncidentMarkdown.Marker(incident.Id), message.TextBody, StringComparison.Ordinal);
        Assert.Contains(incident.Culprit.Sha, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_NoServerListening_IsATransientFailureNamingTheServer()
    {
        var port = FreePort.Next();
        var sink = new SmtpSink(Config(port, toAuthor: false), _ => null);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.IsPermanent);
        Assert.Contains($"127.0.0.1:{port}", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_StartTlsRequiredButNotOffered_FailsWithoutSending()
    {
        using var server = await new SmtpServer(_temp.File("maildir")).StartAsync();
        var sink = new SmtpSink(Config(server.Port, toAuthor: false) with { Security = SmtpSecurity.StartTls }, _ => null);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.IsPermanent);
        Assert.Contains("STARTTLS", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task DeliverAsync_PasswordVariableUnset_FailsPermanentlyNamingIt()
    {
        var sink = new SmtpSink(Config(FreePort.Next(), toAuthor: false) with { Username = "bot", PasswordEnvironmentVariable = "SMTP_PASSWORD" }, _ => null);

        var outcome = await sink.DeliverAsync(Incidents.Sample(), CancellationToken.None);

        Assert.True(outcome.IsPermanent);
        Assert.Contains("SMTP_PASSWORD", outcome.Error, StringComparison.Ordinal);
    }

    private static SmtpSinkConfig Config(int port, bool toAuthor) =>
        new("mail", "127.0.0.1", port, "ailab@example.com", ["perf@example.com"], toAuthor, SmtpSecurity.None, null, null, TimeSpan.FromSeconds(10));
}
