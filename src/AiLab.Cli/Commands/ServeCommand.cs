using System.CommandLine;
using System.Net;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Server.Scheduling;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab serve</c>: the REST API and the dashboard over the lab's store (docs/server.md).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = $"Port to listen on (default {ServerOptions.DefaultPort}; 0 picks a free one).",
            DefaultValueFactory = _ => ServerOptions.DefaultPort,
            HelpName = "N",
        };
        var bind = new Option<string>("--bind")
        {
            Description = "Address to bind (default 127.0.0.1: this machine only).",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "ADDR",
        };
        var store = StoreOption.Create();
        var privateReads = new Option<bool>("--private-reads")
        {
            Description = "Require an API token for reads too (API and dashboard); writes always need one.",
        };
        var watch = new Option<string?>("--watch")
        {
            Description = "Run the scheduler on this git repository: each new commit on --branch gets the change "
                + "tier (its parent against it).",
            HelpName = "REPO",
        };
        var branch = new Option<string[]>("--branch") { Description = "Branch to watch (repeatable; default main).", HelpName = "NAME" };
        var run = new Option<string?>("--run") { Description = "The workflow's command for watched commits, e.g. \"python3 train.py\".", HelpName = "CMD" };
        var trials = new Option<int>("--trials")
        {
            Description = "Trials per variant of each scheduled experiment (default 6).",
            DefaultValueFactory = _ => 6,
            HelpName = "N",
        };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Most scheduled experiments at once (default 1).",
            DefaultValueFactory = _ => 1,
            HelpName = "N",
        };
        var poll = new Option<int>("--poll")
        {
            Description = "Seconds between polls of the watched branches (default 30).",
            DefaultValueFactory = _ => 30,
            HelpName = "SECONDS",
        };
        var releaseBranch = new Option<string[]>("--release-branch")
        {
            Description = "A branch whose every new head is a release candidate: the release tier compares it with the "
                + "previous head (repeatable).",
            HelpName = "NAME",
        };
        var releaseTags = new Option<string?>("--release-tags")
        {
            Description = "A tag glob (e.g. 'v*'): each new matching tag is a release candidate, compared with the "
                + "previous matching tag in the release tier.",
            HelpName = "GLOB",
        };
        var releaseTrials = new Option<int>("--release-trials")
        {
            Description = "Trials per variant of each release-tier experiment (default 20).",
            DefaultValueFactory = _ => 20,
            HelpName = "N",
        };
        var command = new Command("serve",
            "Serve the REST API (/api/v1) and the dashboard over the lab's store; "
            + "with --watch, schedule the change tier for new commits.")
        {
            port, bind, store, privateReads, watch, branch, run, trials, concurrency, poll, releaseBranch, releaseTags,
                releaseTrials,
        };
        command.SetAction(async (parse, _) =>
        {
            var n = parse.GetValue(port);
            if (n is < 0 or > 65535) throw new UsageException($"--port must be between 0 and 65535, got {n}");
            var address = parse.GetValue(bind)!;
            if (!IPAddress.TryParse(address, out var ip))
                throw new UsageException($"--bind '{address}' is not an IP address; use 127.0.0.1 (default) or 0.0.0.0 for every interface");
            var location = LabContext.ResolveStore(parse.GetValue(store));
            var storeName = location.Kind == AiLab.Storage.StoreKind.Sqlite ? location.Target : parse.GetValue(store)!;
            var options = new ServerOptions
            {
                DatabasePath = storeName, BindAddress = address, Port = n, PrivateReads = parse.GetValue(privateReads),
                Scheduler = WithRelease(parse, SchedulerFrom(parse, watch, branch, run, trials, concurrency, poll),
                    releaseBranch, releaseTags, releaseTrials),
            };
            LabData data;
            try { data = LabData.Open(storeName); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            using (data)
            {
                await using var app = LabServer.Build(options, data, Console.Error);
                using var interruption = new Interruption();
                await app.StartAsync(interruption.Token).ConfigureAwait(false);
                var url = LabServer.BoundAddress(app);
                if (!IPAddress.IsLoopback(ip))
                {
                    var reads = options.PrivateReads ? "" : "; reads are public (--private-reads to require a token)";
                    Console.Error.WriteLine($"ailab serve: warning: bound to {address}, reachable from other machines{reads}");
                }

                Console.Error.WriteLine(
                    $"ailab serve: listening on {url} (store {data.Location}; "
                    + $"reads {(options.PrivateReads ? "need a token" : "public")}; writes need a token: ailab token create)");
                Console.Out.WriteLine(url);
                try { await Task.Delay(Timeout.Infinite, interruption.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static SchedulerOptions? WithRelease(ParseResult parse, SchedulerOptions? scheduler,
        Option<string[]> branches, Option<string?> tags, Option<int> trials)
    {
        var releaseBranches = parse.GetValue(branches) ?? [];
        var pattern = parse.GetValue(tags);
        if (scheduler is null)
        {
            if (releaseBranches.Length > 0 || pattern is not null || parse.GetResult(trials) is { Implicit: false })
                throw new
                    UsageException("--release-branch, --release-tags and --release-trials need --watch REPO --run CMD");
            return null;
        }

        if (pattern is not null && (string.IsNullOrWhiteSpace(pattern) || pattern.StartsWith("refs/",
            StringComparison.Ordinal)))
            throw new
                UsageException(
                    $"--release-tags '{pattern}': give a tag glob such as 'v*' or '*-rc*' (without refs/tags/)");
        if (parse.GetValue(trials) < 2) throw new
            UsageException($"--release-trials must be at least 2, got {parse.GetValue(trials)}");
        return scheduler with { ReleaseBranches = releaseBranches, ReleaseTags = pattern, ReleaseTrials =
            parse.GetValue(trials) };
    }

    private static SchedulerOptions? SchedulerFrom(ParseResult parse, Option<string?> watch, Option<string[]> branch,
        Option<string?> run, Option<int> trials, Option<int> concurrency, Option<int> poll)
    {
        var repo = parse.GetValue(watch);
        if (repo is null)
        {
            if (parse.GetValue(run) is not null) throw new UsageException("--run needs --watch REPO: it is the command of the watched workflow");
            return null;
        }

        var command = parse.GetValue(run);
        if (string.IsNullOrWhiteSpace(command)) throw new UsageException("--watch needs --run \"CMD\": the command each scheduled trial runs");
        if (parse.GetValue(trials) < 2) throw new UsageException($"--trials must be at least 2, got {parse.GetValue(trials)}");
        if (parse.GetValue(concurrency) < 1) throw new UsageException($"--concurrency must be at least 1, got {parse.GetValue(concurrency)}");
        if (parse.GetValue(poll) < 1) throw new UsageException($"--poll must be at least 1 second, got {parse.GetValue(poll)}");
        var branches = parse.GetValue(branch) is { Length: > 0 } given ? given : ["main"];
        return new SchedulerOptions
        {
            Repository = Path.GetFullPath(repo), Branches = branches, Run = command, Trials = parse.GetValue(trials),
            Concurrency = parse.GetValue(concurrency), PollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
        };
    }
}
