using AiLab.Execution.Git;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Server.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/webhooks/commit: a push notification (a token, like every write) that queues a watched ref's new
/// commits now instead of at the next poll, and wakes the scheduler.</summary>
internal static class WebhookApi
{
    /// <summary>The body: a GitHub-style push's <c>ref</c> (<c>refs/heads/main</c>, <c>refs/tags/v1.2</c>, or a
    /// bare branch name) and optionally <c>after</c>, the commit the push moved it to.</summary>
    public sealed record CommitPush(string? Ref, string? After);

    /// <summary>What the push queued.</summary>
    public sealed record PushOutcome(string Ref, string Tier, int Queued, string Head);

    public static void Map(RouteGroupBuilder writes)
    {
        writes.MapPost("/webhooks/commit", async Task<Results<Accepted<PushOutcome>, ProblemHttpResult>> (
                LabData data, ServerOptions server, SchedulerWakeup wakeup, CommitPush? push) =>
            {
                if (server.Scheduler is not { } options)
                    return
                        Conflict(
                            "this server watches no repository; start it with 'ailab serve --watch REPO --run CMD'");
                if (push?.Ref is not { Length: > 0 } name) throw new
                    BadRequestException("the body needs 'ref', e.g. {\"ref\": \"refs/heads/main\"}");
                var time = TimeProvider.System;
                var repo = GitRepository.Open(options.Repository);
                var (tier, only) = Route(options, repo, name)
                    ?? throw new
                        BadRequestException($"'{name}' is not watched; change tier: "
                            + $"{string.Join(", ", options.Branches)}; "
                        + $"release: {Describe(options)}");
                var head = repo.ResolveCommit(RefName(name));
                if (push.After is { Length: > 0 } after && !head.StartsWith(after, StringComparison.OrdinalIgnoreCase))
                    return
                        Conflict($"{name} is at {head[..12]} in {repo.Root}, not at the pushed {after}; "
                            + "this server does not "
                        + "fetch: update its repository (git fetch) before sending the webhook");
                var queued = tier == ReleasePoller.Tier
                    ? await ReleasePoller.PollAsync(data.Queue, only, time, CancellationToken.None)
                    : await BranchPoller.PollAsync(data.Queue, only, time, CancellationToken.None);
                wakeup.Wake();
                return TypedResults.Accepted($"{ApiRoutes.Prefix}/queue", new PushOutcome(name, tier, queued, head));
            })
            .WithName("PushCommit")
            .WithSummary("Queues a watched branch's or release tag's new commits now and wakes the scheduler "
                + "(needs a token).");
    }

    /// <summary>The tier a ref belongs to, and the scheduler options restricted to it; null when it is not
    /// watched.</summary>
    private static (string Tier, SchedulerOptions Only)? Route(SchedulerOptions options, GitRepository repo,
        string name)
    {
        var none = options with { Branches = [], ReleaseBranches = [], ReleaseTags = null };
        if (name.StartsWith("refs/tags/", StringComparison.Ordinal))
        {
            var tag = name["refs/tags/".Length..];
            return options.ReleaseTags is { } pattern && repo.Tags(pattern).Any(t => t.Tag == tag)
                ? (ReleasePoller.Tier, none with { ReleaseTags = pattern })
                : null;
        }

        var branch = name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;
        if (options.Branches.Contains(branch)) return ("change", none with { Branches = [branch] });
        if (options.ReleaseBranches.Contains(branch)) return (ReleasePoller.Tier, none with { ReleaseBranches =
            [branch] });
        return null;
    }

    private static string RefName(string name) =>
        name.StartsWith("refs/", StringComparison.Ordinal) ? name : "refs/heads/" + name;

    private static string Describe(SchedulerOptions o) =>
        string.Join(", ", o.ReleaseBranches.Concat(o.ReleaseTags is null ? [] : ["tags "
            + o.ReleaseTags])) is { Length: > 0 } s ? s : "none";

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
