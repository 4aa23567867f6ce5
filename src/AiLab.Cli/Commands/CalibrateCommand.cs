using System.CommandLine;
using AiLab.Application.Remote;
using AiLab.Application.Settings;
using AiLab.Cli.Rendering;
using AiLab.Core.Variants;
using AiLab.Lab.Calibrations;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab calibrate</c>: A/A experiments of one revision that measure the workflow's noise and choose its
/// threshold for a false-positive budget; later A/B experiments of the same workflow use it.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var budget = new BudgetOptions();
        var rev = new Option<string?>("--rev")
        {
            Description = "The revision to calibrate on (REV[,KEY=VALUE...]); default: the current directory as it is.",
            HelpName = "VARIANT",
        };

        var experiments = new Option<int>("--experiments")
        {
            Description = "A/A experiments to run (default 4); their trials are pooled.",
            DefaultValueFactory = _ => LabDefaults.CalibrationExperiments, HelpName = "K",
        };

        var list = new Option<bool>("--list") { Description = "List the stored calibrations instead of running one." };
        var command = new Command("calibrate",
            "Run A/A experiments to measure a workflow's noise and choose its verdict threshold for a false-positive budget "
            + "(ROC over the A/A null and injected shifts).");
        workflow.AddTo(command);
        budget.AddTo(command);
        command.Options.Add(rev);
        command.Options.Add(experiments);
        command.Options.Add(list);
        var remote = new RemoteOptions();
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(list) && parse.GetValue(remote.Server) is { } url)
            {
                throw new UsageException($"--list reads the local store; the calibrations of {url} are on its "
                    + "dashboard (/calibrations) and API (/api/v1/calibrations)");
            }

            // Checked before any trial: an unreachable server or a refused token should not cost a calibration.
            using var server = parse.GetValue(list)
                ? null
                : await RemoteSubmit.ConnectAndCheckAsync(remote, parse).ConfigureAwait(false);
            // --list only reads: it must work on a read-only database and create nothing.
            using var lab = parse.GetValue(list) ? LabContext.OpenForReading(parse.GetValue(workflow.Db)) : LabContext.Open(parse.GetValue(workflow.Db));
            var json = parse.GetValue(workflow.Json);
            if (parse.GetValue(list))
            {
                var calibrations = await lab.Calibrations.ListAsync(50, cancellationToken).ConfigureAwait(false);
                Console.Out.Write(json
                    ? CalibrationReport.ListJson(calibrations) + "\n"
                    : CalibrationReport.ListTable(calibrations));
                return ExitCodes.Success;
            }

            var fp = budget.Parse(parse);
            var variant = parse.GetValue(rev) is { } revision
                ? AbCommand.ParseVariant("A", revision)
                : new Variant("A", null, new Dictionary<string, string>());
            var repo = workflow.RepositoryFor(parse) ?? (variant.Revision is not null ? Directory.GetCurrentDirectory() : null);
            var spec = workflow.Pin(parse, workflow.ResolveWorkflow(parse, repo), lab, parse.GetValue(workflow.Quiet) ? TextWriter.Null : Console.Error).Spec;
            var k = TrialSettings.Experiments(parse.GetValue(experiments));
            var plan = new CalibrationPlan
            {
                Workflow = spec, RepositoryPath = repo, WorkingDirectory = Directory.GetCurrentDirectory(), Variant = variant,
                Experiments = k, TrialsPerVariant = TrialSettings.CalibrationTrials(parse.GetValue(workflow.Trials), spec.Trials),
                Warmup = workflow.WarmupFor(parse, spec),
                BudgetRate = fp.PerExperimentRate, Budget = BudgetOptions.Describe(fp), Seed = parse.GetValue(workflow.Seed),
            };

            using var interruption = new Interruption();
            var quiet = parse.GetValue(workflow.Quiet);
            var progress = quiet ? null : new ProgressDisplay(Console.Error);
            var calibrator = new Calibrator(lab.Runner, lab.Store, lab.Calibrations, TimeProvider.System);
            if (!quiet) calibrator.ExperimentStarted += (i, n, e) => Console.Error.WriteLine($"ailab: A/A experiment {i} of {n}: {e.Id}");
            var outcome = await calibrator.RunAsync(plan, progress, interruption.Token).ConfigureAwait(false);
            if (outcome.Calibration is null)
            {
                Console.Error.WriteLine($"ailab: calibration not stored: {outcome.Failure}");
                var last = outcome.Experiments[^1].Experiment;
                var failed = ExperimentExecution.ExitCodeOf(last, outcome.Experiments[^1].FailedTrials.Any(), []);
                // The A/A experiments that ran are measured results too: the server gets them.
                return await RemoteSubmit.AfterWorkAsync(lab, server, remote, parse,
                    new LocalWork { Experiments = [.. outcome.Experiments.Select(e => e.Experiment.Id)] },
                    failed).ConfigureAwait(false);
            }

            Console.Out.Write(json
                ? CalibrationReport.Json(outcome.Calibration) + "\n"
                : CalibrationReport.Table(outcome.Calibration));
            return await RemoteSubmit.AfterWorkAsync(lab, server, remote, parse,
                new LocalWork { Calibrations = [outcome.Calibration.Id] }, ExitCodes.Success).ConfigureAwait(false);
        });
        return command;
    }
}
