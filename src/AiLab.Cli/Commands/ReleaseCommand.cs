using AiLab.Core.Capacity;
using System.CommandLine;
using System.Globalization;
using AiLab.Application.Remote;
using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Cli.Rendering;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Bisection;
using AiLab.Lab.Incidents;
using AiLab.Lab.Release;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab release</c>: every workflow of the suite A/B-tested between two releases, with the phases that
/// moved, and with <c>--bisect</c> each change's culprits (docs/bisect.md).</summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var shared = new WorkflowOptions();
        var from = new Option<string?>("--from")
        {
            Description = "The previous release (the baseline), e.g. v1.3.",
            HelpName = "REV",
        };

        var to = new Option<string?>("--to") { Description = "The release candidate, e.g. main.", HelpName = "REV" };
        var only = new Option<string[]>("--workflow")
        {
            Description = "Run only these workflows of the suite (repeatable; default: all).",
            HelpName = "NAME",
        };

        var noConfirm = new Option<bool>("--no-confirm")
        {
            Description = "Report a workflow's regression or improvement without a confirmation run (by default a "
                + "second comparison in fresh worktrees with another trial order must reproduce it).",
        };

        var bisect = new Option<bool>("--bisect")
        {
            Description = "Bisect each workflow's regression or improvement to its culprit commits (default: off; a "
                + "release report costs one experiment per workflow).",
        };

        var metric = BisectCommand.MetricOption();
        var jobs = BisectCommand.JobsOption();
        var failOn = BisectCommand.FailOnOption();
        var command = new Command("release", "A/B-test every workflow of ailab.yaml between two releases; report each "
            + "verdict and the phases that moved (--bisect: and the culprits).");
        foreach (var option in new Option[]
                 {
                     shared.Repo, from, to, shared.Config, only, bisect, noConfirm, metric, shared.Trials,
                     shared.Warmup, shared.Timeout, shared.Cpus, jobs, shared.Seed, failOn, shared.Json, shared.Db,
                     shared.Quiet,
                 })
            command.Options.Add(option);
        var remote = new RemoteOptions();
        remote.AddTo(command);

        command.SetAction(async (parse, _) =>
        {
            var fromRev = parse.GetValue(from)
                ?? throw new UsageException("--from is required: the previous release, the baseline");
            var toRev = parse.GetValue(to) ?? throw new UsageException("--to is required: the release candidate");
            var repo = GitRepository.Open(shared.RepositoryFor(parse) ?? Directory.GetCurrentDirectory());
            var fromSha = repo.ResolveCommit(fromRev);
            var toSha = repo.ResolveCommit(toRev);
            if (fromSha == toSha)
                throw new UsageException($"--from {fromRev} and --to {toRev} are the same commit ({fromSha[..12]})");
            var commits = repo.FirstParentRange(fromSha, toSha);
            var workflows = LoadWorkflows(parse, shared, only, repo.Root);
            var trialsOverride = parse.GetValue(shared.Trials);
            if (trialsOverride is { } n) TrialSettings.Trials(n, null);
            var warmupOverride = parse.GetValue(shared.Warmup);
            TrialSettings.Warmup(warmupOverride, null);
            TrialSettings.Jobs(parse.GetValue(jobs));
            var request = new ReleaseRequest
            {
                From = fromSha, To = toSha, Commits = commits,
                Workflows = workflows.Select(w => trialsOverride is { } n ? w with { Trials = n } : w).ToList(),
                Metric = BisectCommand.NormalizeMetric(parse.GetValue(metric)!), Bisect = parse.GetValue(bisect),
                Jobs = parse.GetValue(jobs),
            };
            var fail = VerdictSettings.FailOn(parse.GetValue(failOn) ?? [], VerdictSettings.Changes);
            var quiet = parse.GetValue(shared.Quiet);
            // Checked before any trial: an unreachable server or a refused token should not cost a release run.
            using var server = await RemoteSubmit.ConnectAndCheckAsync(remote, parse).ConfigureAwait(false);

            using var lab = LabContext.Open(parse.GetValue(shared.Db));
            var started = DateTimeOffset.UtcNow.AddMilliseconds(-1);
            if (!quiet)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ailab release: {fromSha[..12]}..{toSha[..12]} ({commits.Count} commits), "
                    + $"{request.Workflows.Count} workflow(s): "
                    + $"{string.Join(", ", request.Workflows.Select(w => w.Name))}"
                    + $"{(request.Bisect ? "; bisecting each change" : "")}; database {lab.DatabasePath}"));
                foreach (var w in request.Workflows) BisectCommand.WarnAboutSharedCpus(request.Jobs, w);
            }

            var seed = parse.GetValue(shared.Seed);
            var cwd = Directory.GetCurrentDirectory();
            var runner = new ReleaseRunner(
                w => lab.RevisionComparer(w, repo.Root, cwd, TrialSettings.Warmup(warmupOverride, w.Warmup), seed,
                    tier: CapacityTier.Release),
                new GitCommitLookup(repo),
                confirmerFor: parse.GetValue(noConfirm)
                    ? null
                    : w => lab.RevisionComparer(
                        w, repo.Root, cwd, TrialSettings.Warmup(warmupOverride, w.Warmup), seed, confirmation: true,
                        tier: CapacityTier.Release));
            using var interruption = new Interruption();
            var result = await runner.RunAsync(
                    request, quiet ? null : new BisectProgressDisplay(Console.Error, "release"), interruption.Token)
                .ConfigureAwait(false);
            var incidents = result.Workflows
                .Where(w => w.Bisection is { Status: BisectStatus.Completed })
                .SelectMany(w => CulpritIncidents.From(w.Bisection!, w.Workflow.Name, repo.Root, DateTimeOffset.Now))
                .ToList();
            var configPath = parse.GetValue(shared.Config) ?? WorkflowOptions.FindConfig(repo.Root);
            var filed = await IncidentFiling.FileAsync(lab.Stores.Incidents, incidents, configPath,
                quiet ? TextWriter.Null : Console.Error, interruption.Token).ConfigureAwait(false);
            Console.Out.Write(parse.GetValue(shared.Json)
                ? ReleaseReport.Json(result) + "\n"
                : ReleaseReport.Table(result));
            var code = ExitCodeOf(result, fail);
            if (server is null) return code;
            var names = request.Workflows.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
            var work = new LocalWork
            {
                Experiments = await LabSubmission.ExperimentsSinceAsync(lab.Store, started,
                    e => names.Contains(e.Workflow.Name), CancellationToken.None).ConfigureAwait(false),
                Incidents = [.. filed?.Recorded.Select(r => r.Incident.Id) ?? []],
            };
            return await RemoteSubmit.AfterWorkAsync(lab, server, remote, parse, work, code).ConfigureAwait(false);
        });
        return command;
    }

    private static List<WorkflowSpec> LoadWorkflows(
        ParseResult parse, WorkflowOptions shared, Option<string[]> only, string repositoryRoot)
    {
        var (path, suite) = WorkflowFiles.Load(
            parse.GetValue(shared.Config), repositoryRoot, Directory.GetCurrentDirectory(), "the release suite");
        var names = parse.GetValue(only) ?? [];
        var chosen = names.Length == 0 ? suite.Workflows.ToList() : names.Select(suite.Get).ToList();
        if (chosen.Count == 0) throw new LabInputException($"{path} defines no workflows");
        TimeSpan? timeout = parse.GetValue(shared.Timeout) is { } timeoutText
            ? TrialSettings.Timeout(timeoutText)
            : null;
        var cpus = parse.GetValue(shared.Cpus) is { } list ? WorkflowOptions.ParseCpus(list) : null;
        return chosen.Select(w => w with { Timeout = timeout ?? w.Timeout, Cpus = cpus ?? w.Cpus }).ToList();
    }

    private static int ExitCodeOf(ReleaseResult result, IReadOnlyCollection<Verdict> failOn)
    {
        if (result.Interrupted)
        {
            Console.Error.WriteLine("ailab: interrupted; the experiments so far are stored (ailab list)");
            return ExitCodes.Interrupted;
        }

        var failed = result.Workflows
            .Where(w => w.Failure is not null || w.Bisection?.Status == BisectStatus.WorkloadFailed).ToList();
        if (failed.Count > 0)
        {
            Console.Error.WriteLine("ailab: the workload failed in "
                + $"{string.Join(", ", failed.Select(w => w.Workflow.Name))}; exit code {ExitCodes.WorkloadFailed}");
            return ExitCodes.WorkloadFailed;
        }

        var matched = result.Workflows.Where(w => failOn.Contains(w.Verdict)
            || (w.Bisection?.Culprits.Any(c => failOn.Contains(c.Direction)) ?? false)).ToList();
        if (matched.Count > 0)
        {
            Console.Error.WriteLine($"ailab: {string.Join(", ", matched.Select(w => w.Workflow.Name))} matched "
                + $"--fail-on; exit code {ExitCodes.VerdictMatched}");
            return ExitCodes.VerdictMatched;
        }

        return ExitCodes.Success;
    }
}
