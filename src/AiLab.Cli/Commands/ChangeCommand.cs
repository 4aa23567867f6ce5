using AiLab.Application;
using AiLab.Application.Remote;
using System.CommandLine;
using AiLab.Cli.Rendering;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Analysis;
using AiLab.Lab.ChangeTier;
using AiLab.Lab.Footprints;
using AiLab.Lab.Shrinking;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab change</c>: the change tier — the shrunk tests a change touches, chosen to fit a budget.</summary>
internal static class ChangeCommand
{
    public static Command Create()
    {
        var repo = new Option<string?>("--repo") { Description = "Git repository (default: the current directory).",
            HelpName = "DIR" };
        var baseRev = new Option<string?>("--base") { Description = "The revision the change starts from.",
            HelpName = "REV" };
        var headRev = new Option<string>("--head") { Description = "The changed revision (default HEAD).",
            DefaultValueFactory = _ => "HEAD", HelpName = "REV" };
        var config = new Option<string?>("--config") { Description = "Workflow file (default: ailab.yaml in the " +
            "repository); derived workflows are read from its .shrunk.yaml next to it.", HelpName = "FILE" };
        var budget = new Option<double?>("--budget-cpu-seconds") { Description = "CPU seconds the change may spend; " +
            "tests are taken by expected regressions caught per CPU second until it is used (default: no limit).",
                HelpName = "N" };
        var trials = new Option<int?>("--trials") { Description = "Measured trials per variant of each test " +
            "(default: the test's own, else 8).", HelpName = "N" };
        var noConfirm = new Option<bool>("--no-confirm") { Description = "Report a regression without confirming it " +
            "with fresh trials." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (selected, skipped and why) and " +
            "run nothing." };
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit 4 when the overall verdict is one of " +
            "these (repeatable).", HelpName = "VERDICT" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var db = new Option<string?>("--db") { Description = "SQLite database (default: $AILAB_HOME/ailab.db).",
            HelpName = "FILE" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var command = new Command("change",
            "Run the shrunk A/B tests whose footprint a change touches, ranked by expected "
            + "regressions caught per CPU second and cut to a capacity budget.");
        foreach (var o in new Option[] { repo, baseRev, headRev, config, budget, trials, noConfirm, dryRun, failOn,
            json, db, quiet })
            command.Options.Add(o);
        var remote = new RemoteOptions();
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(repo) ?? Directory.GetCurrentDirectory());
            var from = parse.GetValue(baseRev)
                ?? throw new UsageException("--base REV is required: the revision the change starts from");
            if (parse.GetValue(budget) is < 0) throw new UsageException("--budget-cpu-seconds must be 0 or more");
            if (parse.GetValue(trials) is < 2) throw new UsageException("--trials must be at least 2");
            var failVerdicts = (parse.GetValue(failOn) ?? []).SelectMany(v => v.Split(',',
                StringSplitOptions.TrimEntries))
                .Select(v => VerdictNames.FromWire(v)
                    ?? throw new UsageException($"--fail-on '{v}' is not a verdict; use regression, improvement, " +
                        $"inconclusive or no_change"))
                .ToHashSet();
            var git = GitRepository.Open(root);
            var baseCommit = git.ResolveCommit(from);
            var headCommit = git.ResolveCommit(parse.GetValue(headRev)!);
            var changed = git.ChangedFiles(baseCommit, headCommit);
            var configPath = Path.GetFullPath(parse.GetValue(config) ?? Path.Combine(git.Root, "ailab.yaml"));
            if (!File.Exists(configPath)) throw new UsageException($"config file {configPath} does not exist; pass " +
                $"--config FILE");

            // Checked before any trial (a --dry-run measures nothing, so it sends nothing and needs no server).
            using var server = parse.GetValue(dryRun)
                ? null
                : await RemoteSubmit.ConnectAndCheckAsync(remote, parse).ConfigureAwait(false);
            using var lab = LabContext.Open(parse.GetValue(db));
            var tests = await TestsAsync(configPath, lab, baseCommit, cancellationToken).ConfigureAwait(false);
            var options = ChangeSelectorOptions.Default with { Trials = parse.GetValue(trials) };
            var costs = await StoredTrialCost.LoadAsync(lab.Store, cancellationToken).ConfigureAwait(false);
            var outcomes = await lab.Footprints.OutcomesAsync(cancellationToken).ConfigureAwait(false);
            var selection = new ChangeSelector(new RegressionHistory(outcomes), costs, options)
                .Select(changed, tests, parse.GetValue(budget));
            var report = new ChangeReport(baseCommit, headCommit, selection, [], false);
            if (!parse.GetValue(dryRun) && selection.Selected.Count > 0)
            {
                using var interruption = new Interruption();
                var runner = new ChangeRunner(lab.Confirming, lab.Store, lab.Footprints,
                    new FootprintRecorder(lab.Footprints, lab.Paths, TimeProvider.System), costs, TimeProvider.System);
                if (!parse.GetValue(quiet))
                    runner.Starting += (c, e)
                        => Console.Error.WriteLine($"ailab: {c.Test.Test.Name}: experiment {e.Id} (P(regress) " +
                            $"{c.PRegress:0.00}, ~{c.CostCpuSeconds:0} CPU-s)");
                report = await runner.RunAsync(git.Root, baseCommit, headCommit, selection, options,
                    VerdictPolicy.Default,
                    !parse.GetValue(noConfirm), interruption.Token).ConfigureAwait(false);
            }

            Console.Out.Write(parse.GetValue(json) ? ChangeReportText.Json(report)
                + "\n" : ChangeReportText.Text(report));
            var code = report.Interrupted ? ExitCodes.Interrupted
                : report.Runs.Any(r => r.WorkloadFailed || r.Status == "failed") ? ExitCodes.WorkloadFailed
                : failVerdicts.Contains(report.Overall) ? ExitCodes.VerdictMatched
                : ExitCodes.Success;
            return await RemoteSubmit.AfterWorkAsync(lab, server, remote, parse,
                new LocalWork { Experiments = [.. report.Runs.Select(r => r.ExperimentId)] }, code)
                .ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Each production workflow of the file with the test that stands for it and its footprint.</summary>
    private static async Task<List<ChangeTest>> TestsAsync(
        string configPath, LabSession lab, string baseCommit, CancellationToken cancellationToken)
    {
        var production = WorkflowConfig.Load(configPath).Workflows.Where(w => w.ShrunkFrom is null).ToList();
        var derivedPath = DerivedWorkflowFile.PathFor(configPath);
        var derived = File.Exists(derivedPath) ? WorkflowConfig.Load(derivedPath).Workflows : [];
        var tests = new List<ChangeTest>();
        foreach (var w in production)
        {
            var footprint = await lab.Footprints.FindAsync(w.Name, baseCommit, cancellationToken).ConfigureAwait(false)
                            ?? await lab.Footprints.LatestAsync(w.Name, cancellationToken).ConfigureAwait(false);
            tests.Add(new ChangeTest(w, derived.FirstOrDefault(d => d.ShrunkFrom == w.Name) ?? w, footprint));
        }

        return tests;
    }
}
