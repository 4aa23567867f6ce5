using System.Net;
using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;
using Octokit;

namespace AiLab.Notifications.Sinks;

/// <summary>Files the incident as a GitHub issue through Octokit; works with GitHub Enterprise through the API URL.</summary>
/// <remarks>Before filing it lists the issues carrying the first configured label and looks for the incident's marker
/// (in the body) or id (in the title): if the local delivery record was lost, the issue filed earlier is found, not
/// filed twice.</remarks>
public sealed class GitHubIssueSink(GitHubSinkConfig config, Func<string, string?> environment, TimeSpan? timeout = null) : INotificationSink
{
    private static readonly ProductHeaderValue Product = new("ailab");

    /// <inheritdoc />
    public string Name => config.Name;

    /// <inheritdoc />
    public string Type => config.Type;

    /// <inheritdoc />
    public async Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var repo = $"{config.Owner}/{config.Repository}";
        var token = environment(config.TokenEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            return DeliveryOutcome.Permanent(
                $"environment variable {config.TokenEnvironmentVariable} is not set; it must hold a token that may create issues in {repo}");
        }

        var client = new GitHubClient(Product, config.ApiUrl) { Credentials = new Credentials(token) };
        client.SetRequestTimeout(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            // Octokit's calls take no token; checking between them keeps a Ctrl-C from filing an issue after it.
            cancellationToken.ThrowIfCancellationRequested();
            var existing = await FindExistingAsync(client, incident).ConfigureAwait(false);
            if (existing is not null)
                return DeliveryOutcome.Delivered(existing.HtmlUrl);

            cancellationToken.ThrowIfCancellationRequested();
            var issue = new NewIssue(incident.Title()) { Body = IncidentMarkdown.Body(incident) };
            foreach (var label in config.Labels)
                issue.Labels.Add(label);
            var created = await client.Issue.Create(config.Owner, config.Repository, issue).ConfigureAwait(false);
            return DeliveryOutcome.Delivered(created.HtmlUrl);
        }
        catch (ApiException e)
        {
            var error = $"GitHub API at {client.Connection.BaseAddress} answered HTTP {(int)e.StatusCode} for {repo}: {e.Message}";
            // Rate limits and server errors pass; bad credentials, a missing repository or a rejected issue do not.
            var permanent = e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity
                || (e.StatusCode == HttpStatusCode.Forbidden && e is not RateLimitExceededException and not SecondaryRateLimitExceededException);
            return permanent ? DeliveryOutcome.Permanent(error) : DeliveryOutcome.Transient(error);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Transient($"cannot reach the GitHub API at {client.Connection.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"the GitHub API at {client.Connection.BaseAddress} did not answer in time");
        }
    }

    private async Task<Issue?> FindExistingAsync(GitHubClient client, Incident incident)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.All };
        request.Labels.Add(config.Labels[0]);
        var issues = await client.Issue.GetAllForRepository(config.Owner, config.Repository, request, new ApiOptions { PageSize = 100 })
            .ConfigureAwait(false);
        var marker = IncidentMarkdown.Marker(incident.Id);
        return issues.FirstOrDefault(i =>
            (i.Body?.Contains(marker, StringComparison.Ordinal) ?? false) || i.Title.Contains($"[{incident.Id}]", StringComparison.Ordinal));
    }
}
