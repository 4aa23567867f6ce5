using System.CommandLine;
using System.Text.Json;
using AiLab.Cli.Rendering;
using AiLab.Core.Experiments;
using AiLab.Lab.Experiments;
using AiLab.Lab.Profiling.Rendering;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab profile</c>: profiled trials of two variants (or of a stored experiment's variants) and the
/// diff of where their time went. Nothing it runs is stored as a measured trial.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var profile = new ProfileCliOptions();
        var a = new Option<string?>("--a") { Description =
            "Baseline, as for ailab ab: a revision and/or KEY=VALUE items.", HelpName = "VARIANT" };
        var b = new Option<string?>("--b") { Description = "Candidate, in the same form as --a.", HelpName =
            "VARIANT" };
        var experimentId = new Option<string?>("--experiment") { Description =
            "Profile the two variants of a stored experiment (an A/B, a confirmation, a bisection step; see ailab " +
                "list) instead of --a/--b.", HelpName = "ID" };
        var command = new Command("profile",
            "Profile two variants in the TTFB window and diff them: per function and call path, the import tree, a " +
                "flame graph (docs/profiling.md).");
        workflow.AddTo(command);
        command.Options.Add(a);
        command.Options.Add(b);
        command.Options.Add(experimentId);
        profile.AddTo(command, withSwitch: false);
        command.SetAction(async (parse, _) =>
        {
            var options = profile.For(parse, requireSwitch: false, trialsFallback: parse.GetValue(workflow.Trials))!;
            var quiet = parse.GetValue(workflow.Quiet);
            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            Experiment experiment;
            IReadOnlyList<TrialRecord> measured = [];
            if (parse.GetValue(experimentId) is { } id)
            {
                if (string.IsNullOrWhiteSpace(id)) throw new
                    UsageException("--experiment is empty; give an experiment id (see: ailab list)");
                if (parse.GetValue(a) is not null || parse.GetValue(b) is not null)
                    throw new UsageException("--experiment profiles a stored experiment's own variants; leave out --a " +
                        "and --b");
                experiment = await lab.Store.FindAsync(id).ConfigureAwait(false) ??
                    throw new UsageException($"no experiment '{id}' in {lab.DatabasePath}; see: ailab list");
                if (experiment.Variants.Count !=
                    2) throw new UsageException($"{experiment.Id} has one variant; profiling compares two (an A/B " +
                        $"experiment)");
                measured = await lab.Store.GetTrialsAsync(experiment.Id).ConfigureAwait(false);
            }
            else
            {
                var specA = parse.GetValue(a) ??
                    throw new UsageException("--a is required (the baseline), or --experiment ID");
                var specB = parse.GetValue(b) ??
                    throw new UsageException("--b is required (the candidate), in the same form as --a");
                var variants = new[] { AbCommand.ParseVariant("A", specA), AbCommand.ParseVariant("B", specB) };
                var repo = workflow.RepositoryFor(parse) ?? (variants.Any(v => v.Revision is not null) ?
                    Directory.GetCurrentDirectory() : null);
                var (spec, _) = workflow.Pin(parse, workflow.ResolveWorkflow(parse, repo), lab, quiet ? TextWriter.Null
                    : Console.Error);
                var planned = ExperimentPlanner.Create(new ExperimentPlan
                {
                    Kind = ExperimentKind.AB, Workflow = spec, RepositoryPath = repo, WorkingDirectory =
                        Directory.GetCurrentDirectory(),
                    Variants = variants, Trials = 2, Warmup = 0, Seed = parse.GetValue(workflow.Seed),
                }, TimeProvider.System);
                // Not stored: a profile has no measured trials and no verdict, so it is not an experiment to list.
                experiment = planned with { Id = ExperimentPlanner.NewId("profile", planned.CreatedAt) };
            }

            using var interruption = new Interruption();
            var outcome = await ProfileRendering.RunAsync(lab, experiment, options, measured, quiet,
                interruption.Token).ConfigureAwait(false);
            // A stored experiment keeps its newest profile (an unstored --a/--b comparison has nowhere to keep it).
            if (parse.GetValue(experimentId) is not null)
                await ProfileRendering.KeepAsync(lab, experiment.Id, outcome, CancellationToken.None)
                    .ConfigureAwait(false);
            if (outcome.Report is not { } report)
            {
                if (parse.GetValue(workflow.Json)) Console.Out.WriteLine(ProfileRendering.Node(outcome).ToJsonString());
                return ExitCodes.WorkloadFailed;
            }

            Console.Out.Write(parse.GetValue(workflow.Json)
                ? ProfileJson.Render(report.Diff, report.Files,
                    report.OverheadPct).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"
                : ProfileTable.Render(report.Diff, report.Files, report.OverheadPct));
            return ExitCodes.Success;
        });
        return command;
    }
}
