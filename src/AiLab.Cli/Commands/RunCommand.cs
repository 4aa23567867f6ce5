using System.CommandLine;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab run</c>: N trials of one variant, summarized per metric (a measurement, no comparison).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var rev = new Option<string?>("--rev")
        {
            Description = "What to run: a git revision, optionally with KEY=VALUE environment items "
                + "(REV[,KEY=VALUE...]); default: the current directory as it is.",
            HelpName = "VARIANT",
        };
        var resume = new Option<string?>("--resume") { Description = "Continue an interrupted run by its id (or a unique prefix).", HelpName = "ID" };
        var command = new Command("run", "Run N trials of one variant and summarize TTFB, its phases, CPU time and peak memory.");
        workflow.AddTo(command);
        command.Options.Add(rev);
        command.Options.Add(resume);
        var remote = new RemoteOptions();
        remote.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var resumeId = parse.GetValue(resume);
            if (resumeId is not null)
            {
                if (string.IsNullOrWhiteSpace(resumeId)) throw new UsageException("--resume is empty; give the id of the run to continue (see: ailab list)");
                WorkflowOptions.RejectWithResume(parse, resumeId, "run", [.. workflow.Defining, rev]);
            }

            // Checked before any trial: an unreachable server or a refused token should not cost minutes of work.
            using var server = remote.Connect(parse, writes: true);
            if (server is not null) await server.CheckTokenAsync().ConfigureAwait(false);
            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            Experiment experiment;
            await using var held = resumeId is null
                ? null
                : await lab.Leases.AcquireAsync(
                    (await AbCommand.FindForResumeAsync(lab, resumeId).ConfigureAwait(false)).Id).ConfigureAwait(false);
            if (resumeId is { } id)
            {
                experiment = (await lab.Store.FindAsync(id).ConfigureAwait(false))!;
                if (experiment.Kind != ExperimentKind.Run)
                {
                    throw new UsageException(
                        $"{experiment.Id} is an A/B experiment; resume it with: ailab ab --resume {experiment.Id}");
                }
            }
            else
            {
                var variant = parse.GetValue(rev) is { } revision
                    ? AbCommand.ParseVariant("A", revision)
                    : new Variant("A", null, new Dictionary<string, string>()); // the current directory as it is
                var repo = workflow.RepositoryFor(parse) ?? (variant.Revision is not null ? Directory.GetCurrentDirectory() : null);
                var spec = workflow.ResolveWorkflow(parse, repo);
                var trials = workflow.TrialsFor(parse, spec);
                var warmup = workflow.WarmupFor(parse, spec);
                var (pinned, pinning) = workflow.Pin(parse, spec, lab, parse.GetValue(workflow.Quiet) ? TextWriter.Null : Console.Error);
                spec = pinned;
                experiment = ExperimentPlanner.Create(
                    new ExperimentPlan
                    {
                        Kind = ExperimentKind.Run,
                        Workflow = spec,
                        RepositoryPath = repo,
                        WorkingDirectory = Directory.GetCurrentDirectory(),
                        Variants = [variant],
                        Trials = trials,
                        Warmup = warmup,
                        Seed = parse.GetValue(workflow.Seed),
                    },
                    TimeProvider.System) with { Pinning = pinning };
                await lab.Store.CreateAsync(experiment).ConfigureAwait(false);
            }

            var code = await ExperimentExecution.RunAndReportAsync(lab, experiment, VerdictPolicy.Default,
                parse.GetValue(workflow.Json), parse.GetValue(workflow.Quiet), []).ConfigureAwait(false);
            return await RemoteSubmit.AfterRunAsync(lab, server, remote, parse, experiment.Id, code).ConfigureAwait(false);
        });
        return command;
    }
}
