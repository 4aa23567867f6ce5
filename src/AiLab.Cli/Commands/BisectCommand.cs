using System.CommandLine;
using System.Globalization;
using AiLab.Application.Remote;
using AiLab.Application.Settings;
using AiLab.Cli.Rendering;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;
using AiLab.Lab.Incidents;
using AiLab.Notifications;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab bisect</c>: finds the commits between a good and a bad revision that changed TTFB, naming the
/// phase that moved (docs/bisect.md).</summary>
internal static class BisectCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var good = new Option<string?>("--good")
        {
            Description = "A revision where the metric was as it should be (the older end).",
            HelpName = "REV",
        };

        var bad = new Option<string?>("--bad")
        {
            Description = "A revision where it changed (the newer end; good must be its ancestor).",
            HelpName = "REV",
        };

        var metric = MetricOption();
        var jobs = JobsOption();
        var maxTrials = MaxTrialsOption();
        var failOn = FailOnOption();
        var command = new Command("bisect", "Find the commits between --good and --bad that changed TTFB (each phase "
            + "that moved, each culprit with its own effect).");
        workflow.AddTo(command);
        foreach (var option in new Option[] { good, bad, metric, jobs, maxTrials, failOn }) command.Options.Add(option);
        var profile = new ProfileCliOptions();
        profile.AddTo(command, withSwitch: true);
        var remote = new RemoteOptions();
        remote.AddTo(command);

        command.SetAction(async (parse, _) =>
        {
            var goodRev = parse.GetValue(good)
                ?? throw new UsageException("--good is required: a revision where the metric was as it should be");
            var badRev = parse.GetValue(bad)
                ?? throw new UsageException("--bad is required: a revision where the metric changed");
            var repo = GitRepository.Open(workflow.RepositoryFor(parse) ?? Directory.GetCurrentDirectory());
            var goodSha = repo.ResolveCommit(goodRev);
            var badSha = repo.ResolveCommit(badRev);
            if (goodSha == badSha)
            {
                throw new UsageException($"--good {goodRev} and --bad {badRev} are the same commit ({goodSha[..12]}): "
                    + "there is nothing to bisect");
            }

            var commits = repo.FirstParentRange(goodSha, badSha);
            if (commits.Count == 0)
            {
                throw new UsageException($"no commits on {badRev}'s first-parent line after {goodRev}: there is "
                    + "nothing to bisect");
            }

            var spec = workflow.ResolveWorkflow(parse, repo.Root);
            var trials = workflow.TrialsFor(parse, spec);
            var request = new BisectRequest
            {
                Good = goodSha, Commits = commits, Metric = NormalizeMetric(parse.GetValue(metric)!),
                Trials = trials,
                MaxTrials = TrialSettings.BisectMaxTrials(parse.GetValue(maxTrials), trials),
                Jobs = TrialSettings.Jobs(parse.GetValue(jobs)),
            };
            try { request = request.Validated(); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            var fail = VerdictSettings.FailOn(parse.GetValue(failOn) ?? [], VerdictSettings.Changes);
            var quiet = parse.GetValue(workflow.Quiet);
            var profileOptions = profile.For(parse, requireSwitch: true);
            // Checked before any trial: an unreachable server or a refused token should not cost a bisection.
            using var server = await RemoteSubmit.ConnectAndCheckAsync(remote, parse).ConfigureAwait(false);

            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            var started = DateTimeOffset.UtcNow.AddMilliseconds(-1);
            var comparer = lab.RevisionComparer(
                spec, repo.Root, Directory.GetCurrentDirectory(), workflow.WarmupFor(parse, spec),
                parse.GetValue(workflow.Seed));
            var progress = quiet ? null : new BisectProgressDisplay(Console.Error, "bisect");
            if (!quiet)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ailab bisect: {commits.Count} commits (first-parent) between good {goodSha[..12]} and bad "
                    + $"{badSha[..12]}; metric {request.Metric}; {trials} trials per step (up to {request.MaxTrials}); "
                    + $"budget ⌈log2 {commits.Count}⌉ + 3 = {BisectBudget.PerCulprit(commits.Count)} experiments per "
                    + $"culprit; database {lab.DatabasePath}"));
                WarnAboutSharedCpus(request.Jobs, spec);
            }

            using var interruption = new Interruption();
            var result = await new Bisector(comparer, new GitCommitLookup(repo))
                .RunAsync(request, progress, interruption.Token).ConfigureAwait(false);
            // Each culprit's own experiment (its parent against it) gets profiled trials, before the incidents are
            // filed so that they carry the findings; the bisection's measured trials are untouched.
            var profiles = new Dictionary<string, ProfileRendering.Outcome>(StringComparer.Ordinal);
            if (profileOptions is not null && result.Status == BisectStatus.Completed)
            {
                foreach (var culprit in result.Culprits)
                {
                    if (culprit.Main.ExperimentId is { } id
                        && await lab.Store.FindAsync(id, interruption.Token).ConfigureAwait(false) is { } experiment)
                    {
                        var culpritTrials = await lab.Store.GetTrialsAsync(id, interruption.Token)
                            .ConfigureAwait(false);
                        profiles[culprit.Commit] = await ProfileRendering.RunAsync(
                            lab, experiment, profileOptions, culpritTrials, quiet, interruption.Token)
                            .ConfigureAwait(false);
                    }
                }
            }

            IncidentBatch? filed = null;
            if (result.Status == BisectStatus.Completed)
            {
                var incidents = IncidentProfiles.Attach(CulpritIncidents.From(result, spec.Name, repo.Root,
                    DateTimeOffset.Now), profiles.ToDictionary(p => p.Key, p => p.Value.Report is { } r
                    ? IncidentProfiles.Of(r) : IncidentProfiles.Failed(p.Value.Error ?? "no profile"),
                    StringComparer.Ordinal));
                var configPath = parse.GetValue(workflow.Config) ?? WorkflowOptions.FindConfig(repo.Root);
                filed = await IncidentFiling.FileAsync(lab.Stores.Incidents, incidents, configPath,
                    quiet ? TextWriter.Null : Console.Error, interruption.Token).ConfigureAwait(false);
            }

            var report = parse.GetValue(workflow.Json)
                ? BisectJson.Document(result, filed) + "\n"
                : BisectTable.Render(result);
            if (profiles.Count > 0)
                report = ProfileRendering.AttachToCulprits(report, profiles, parse.GetValue(workflow.Json));

            Console.Out.Write(report);
            var code = ExitCodeOf(result, fail);
            if (server is null) return code;
            var work = new LocalWork
            {
                Experiments = await LabSubmission.ExperimentsSinceAsync(lab.Store, started,
                    e => e.Workflow.Name == spec.Name, CancellationToken.None).ConfigureAwait(false),
                Incidents = [.. filed?.Recorded.Select(r => r.Incident.Id) ?? []],
            };
            return await RemoteSubmit.AfterWorkAsync(lab, server, remote, parse, work, code).ConfigureAwait(false);
        });
        return command;
    }

    internal static int ExitCodeOf(BisectResult result, IReadOnlyCollection<Verdict> failOn)
    {
        switch (result.Status)
        {
            case BisectStatus.Interrupted:
                Console.Error.WriteLine("ailab: interrupted; the experiments so far are stored (ailab list)");
                return ExitCodes.Interrupted;
            case BisectStatus.WorkloadFailed:
                Console.Error.WriteLine($"ailab: the workload failed ({result.StatusReason?.Split('\n')[0]}); "
                    + $"exit code {ExitCodes.WorkloadFailed}");
                return ExitCodes.WorkloadFailed;
        }

        if (result.Culprits.FirstOrDefault(c => failOn.Contains(c.Direction)) is { } culprit)
        {
            Console.Error.WriteLine($"ailab: culprit {culprit.Commit[..12]} is a {culprit.Direction.ToWire()}, "
                + $"which matches --fail-on; exit code {ExitCodes.VerdictMatched}");
            return ExitCodes.VerdictMatched;
        }

        return ExitCodes.Success;
    }

    internal static Option<string> MetricOption() => new("--metric")
    {
        Description = "The metric to bisect: ttfb (default; each phase that moved is searched), a phase "
            + "(config_validation or phase:config_validation), cpu_time or peak_rss.",
        DefaultValueFactory = _ => MetricCatalog.Ttfb,
        HelpName = "METRIC",
    };

    internal static Option<int> JobsOption() => new("--jobs", "-j")
    {
        Description = "Independent steps run at the same time (default 1). More only when the executor has spare "
            + "cores: parallel trials disturb each other's timing.",
        DefaultValueFactory = _ => LabDefaults.Jobs,
        HelpName = "N",
    };

    internal static Option<int?> MaxTrialsOption() => new("--max-trials")
    {
        Description = "Most trials per variant an inconclusive step is repeated with; each repeat doubles the trials "
            + "(default 4 × --trials).",
        HelpName = "N",
    };

    internal static Option<string[]> FailOnOption() => new("--fail-on")
    {
        Description = "Exit with code 4 when a culprit (or, for release, a workflow) is a regression or an "
            + "improvement (repeatable).",
        HelpName = "VERDICT",
    };

    internal static string NormalizeMetric(string metric)
    {
        if (string.IsNullOrWhiteSpace(metric)) throw new UsageException("--metric is empty");
        if (MetricCatalog.IsPhase(metric) && string.IsNullOrWhiteSpace(metric[MetricCatalog.PhasePrefix.Length..]))
            throw new UsageException($"--metric '{metric}' names no phase; write e.g. phase:config_validation");
        return metric is MetricCatalog.Ttfb or MetricCatalog.CpuTime or MetricCatalog.PeakRss
            || MetricCatalog.IsPhase(metric)
            ? metric
            : MetricCatalog.PhasePrefix + metric;
    }

    internal static void WarnAboutSharedCpus(int jobs, WorkflowSpec spec)
    {
        if (jobs > 1 && spec.Cpus is { Count: > 0 } cpus && cpus.Count < jobs)
        {
            Console.Error.WriteLine($"ailab: warning: --jobs {jobs} runs experiments at once on the {cpus.Count} "
                + "CPU(s) of --cpus; their trials will disturb each other");
        }
    }
}
