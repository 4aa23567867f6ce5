using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows;

namespace AiLab.Notifications.Tests.Config;

public sealed class NotifyConfigTests
{
    private const string Workflows = "workflows:\n  train: {run: python3 train.py}\n";

    [Fact]
    public void Parse_AllFourSinks_ReadsEverySettingAndTheDefaults()
    {
        var suite = WorkflowConfig.Parse(Workflows + """
            notify:
              attempts: 5
              backoff: 500ms
              sinks:
                - type: webhook
                  url: https://hooks.example.com/ailab
                  headers: {X-Team: perf}
                - type: github
                  name: ghe
                  repository: acme/trainer
                  api_url: https://ghe.example.com/api/v3/
                  token_env: GHE_TOKEN
                  labels: [perf-incident, ailab]
                - type: smtp
                  host: smtp.example.com
                  from: ailab@example.com
                  to: perf@example.com
                  to_author: true
                  username: bot
                  password_env: SMTP_PASSWORD
                - type: markdown
                  directory: docs/incidents
                - type: github
                  repository: acme/other
            """, "ailab.yaml");

        var notify = suite.Notify;
        Assert.Equal((5, TimeSpan.FromMilliseconds(500)), (notify.Attempts, notify.Backoff));
        Assert.Equal(["webhook", "ghe", "smtp", "markdown", "github"], notify.Sinks.Select(s => s.Name));
        var hook = Assert.IsType<WebhookSinkConfig>(notify.Sinks[0]);
        Assert.Equal(("https://hooks.example.com/ailab", "perf", WebhookSinkConfig.DefaultTimeout), (hook.Url.ToString(), hook.Headers["X-Team"], hook.Timeout));
        var ghe = Assert.IsType<GitHubSinkConfig>(notify.Sinks[1]);
        Assert.Equal(("acme", "trainer", "GHE_TOKEN", "https://ghe.example.com/api/v3/"), (ghe.Owner, ghe.Repository, ghe.TokenEnvironmentVariable, ghe.ApiUrl.ToString()));
        Assert.Equal(["perf-incident", "ailab"], ghe.Labels);
        var mail = Assert.IsType<SmtpSinkConfig>(notify.Sinks[2]);
        Assert.Equal((587, SmtpSecurity.StartTls, true, "bot", "SMTP_PASSWORD"), (mail.Port, mail.Security, mail.ToAuthor, mail.Username, mail.PasswordEnvironmentVariable));
        Assert.Equal(["perf@example.com"], mail.To);
        Assert.Equal("docs/incidents", Assert.IsType<MarkdownSinkConfig>(notify.Sinks[3]).Directory);
        var github = Assert.IsType<GitHubSinkConfig>(notify.Sinks[4]);
        Assert.Equal((GitHubSinkConfig.DefaultApiUrl, "GITHUB_TOKEN"), (github.ApiUrl, github.TokenEnvironmentVariable));
        Assert.Equal(GitHubSinkConfig.DefaultLabels, github.Labels);
    }

    [Fact]
    public void Parse_NoNotifySection_HasNoSinks()
    {
        var suite = WorkflowConfig.Parse(Workflows, "ailab.yaml");

        Assert.Empty(suite.Notify.Sinks);
        Assert.Equal(NotifyConfig.DefaultAttempts, suite.Notify.Attempts);
    }

    [Theory]
    [InlineData("  sinks:\n    - type: webhok\n      url: http://x/", 5, 13, "unknown sink type 'webhok'", "did you mean 'webhook'?")]
    [InlineData("  sinks:\n    - type: github\n      repository: acme/trainer\n      token: ghp_secret", 7, 7, "unknown key 'token' in sink 'github'", "never write a secret")]
    [InlineData("  sinks:\n    - type: github\n      repository: acme", 6, 19, "'repository' in sink 'github' must be OWNER/NAME", "OWNER/NAME")]
    [InlineData("  sinks:\n    - type: webhook\n      url: ftp://example.com/", 6, 12, "is not an http(s) URL", "absolute http")]
    [InlineData("  sinks:\n    - type: webhook", 5, 7, "missing required key 'url' in sink 'webhook'", "add 'url:")]
    [InlineData("  sinks:\n    - type: smtp\n      host: mail\n      from: ailab@example.com", 5, 7, "sink 'smtp' has no recipient", "to_author")]
    [InlineData("  sinks:\n    - type: smtp\n      host: mail\n      from: nobody\n      to: [a@b.c]", 7, 13, "'from' in sink 'smtp' is not an e-mail address", "e-mail address")]
    [InlineData("  sinks:\n    - type: smtp\n      host: mail\n      port: 70000\n      from: a@b.c\n      to: [a@b.c]", 7, 13, "'port' in sink 'smtp' must be at most 65535", "TCP port")]
    [InlineData("  sinks:\n    - type: smtp\n      host: mail\n      tls: starttsl\n      from: a@b.c\n      to: [a@b.c]", 7, 12, "unknown tls 'starttsl'", "did you mean 'starttls'?")]
    [InlineData("  sinks:\n    - type: smtp\n      host: mail\n      username: bot\n      from: a@b.c\n      to: [a@b.c]", 7, 7, "'username' and 'password_env' in sink 'smtp' go together", "set both")]
    [InlineData("  sinks:\n    - type: github\n      repository: a/b\n      token_env: ghp_abcdef123456", 7, 18, "'token_env' in sink 'github' must name an environment variable", "NAME of an environment variable")]
    [InlineData("  sinks:\n    - {type: markdown, directory: a}\n    - {type: markdown, directory: b}", 6, 7, "two sinks are named 'markdown'", "distinct 'name'")]
    [InlineData("  sinks: []", 4, 3, "'sinks' in 'notify' must be a list of sinks, found nothing", "- type:")]
    [InlineData("  attempts: 0\n  sinks: [{type: markdown, directory: a}]", 4, 13, "'attempts' in 'notify' must be an integer >= 1", "at least 1")]
    [InlineData("  backoff: 5\n  sinks: [{type: markdown, directory: a}]", 4, 12, "invalid duration '5' for 'backoff'", "did you mean 5s?")]
    [InlineData("  webhook: {url: http://x/}", 4, 3, "unknown key 'webhook' in 'notify'", "write '- type: webhook' under 'sinks:'")]
    public void Parse_BadNotifySection_ReportsFileLineProblemAndHint(string section, int line, int column, string problem, string hint)
    {
        var ex = Assert.Throws<ConfigException>(() => WorkflowConfig.Parse(Workflows + "notify:\n" + section, "lab/ailab.yaml"));

        var diagnostic = ex.Diagnostics.FirstOrDefault(d => d.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.True(diagnostic is not null, ex.Message);
        Assert.Equal(("lab/ailab.yaml", line, column), (diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Contains(hint, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotifyIsAList_SaysToPutItUnderSinks()
    {
        var ex = Assert.Throws<ConfigException>(() => WorkflowConfig.Parse(Workflows + "notify:\n  - type: webhook\n", "ailab.yaml"));

        Assert.Equal(4, ex.Line);
        Assert.Contains("'sinks:'", ex.Hint, StringComparison.Ordinal);
    }
}
