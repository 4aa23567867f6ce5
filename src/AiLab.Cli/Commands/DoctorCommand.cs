using System.CommandLine;
using AiLab.Cli.Rendering;
using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Core.Variants;
using AiLab.Execution.Machine;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab doctor</c>: this machine's noise sources (core speeds, the pinning chosen, cpufreq, load,
/// memory) and, for a workflow, its measured noise floor and the trials a verdict needs here.</summary>
internal static class DoctorCommand
{
    /// <summary>Trials of the noise-floor run when --trials is not given.</summary>
    public const int DefaultTrials = 10;

    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var rev = new Option<string?>("--rev") {
            Description = "What to measure: a git revision (REV[,KEY=VALUE...]); default: the current directory as it is.",
            HelpName = "VARIANT",
        };
        var recalibrate = new Option<bool>("--recalibrate") { Description = "Measure the core speeds again instead of using the cached calibration." };
        var command = new Command("doctor", "Report this machine's noise sources (core speeds and the pinning chosen, cpufreq, load, memory) and, "
            + "with --run or --workflow, the workflow's noise floor and the trials a 3% and a 5% verdict need here.");
        workflow.AddTo(command);
        command.Options.Add(rev);
        command.Options.Add(recalibrate);
        command.SetAction(async (parse, _) =>
        {
            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            var json = parse.GetValue(workflow.Json);
            var quiet = parse.GetValue(workflow.Quiet);
            var say = quiet ? TextWriter.Null : Console.Error;
            var measure = parse.GetValue(workflow.Run) is not null || parse.GetValue(workflow.Workflow) is not null;

            say.WriteLine("ailab doctor: per-core speed calibration...");
            var cores = lab.CoreSpeeds.Get(out var coresSource, remeasure: parse.GetValue(recalibrate));
            Experiment? experiment = null;
            CpuPinning pinning;
            if (measure)
            {
                var variant = parse.GetValue(rev) is { } revision
                    ? AbCommand.ParseVariant("A", revision)
                    : new Variant("A", null, new Dictionary<string, string>());
                var repo = parse.GetValue(workflow.Repo) ?? (variant.Revision is not null ? Directory.GetCurrentDirectory() : null);
                var (spec, chosen) = workflow.Pin(parse, workflow.ResolveWorkflow(parse, repo), lab, say);
                pinning = chosen;
                experiment = ExperimentPlanner.Create(
                    new ExperimentPlan
                    {
                        Kind = ExperimentKind.Run, Workflow = spec, RepositoryPath = repo, WorkingDirectory = Directory.GetCurrentDirectory(),
                        Variants = [variant], Trials = parse.GetValue(workflow.Trials) ?? DefaultTrials, Warmup = workflow.WarmupFor(parse, spec),
                        Seed = parse.GetValue(workflow.Seed),
                    },
                    TimeProvider.System) with { Pinning = pinning };
                if (experiment.TrialsPerVariant < 3)
                    throw new UsageException($"--trials must be at least 3 to measure a spread, got {experiment.TrialsPerVariant}");
            }
            else
            {
                pinning = WorkflowOptions.ResolvePinning(parse.GetValue(workflow.Cpus), null, lab, say);
            }

            // A second with no trial running: all the busy time it sees is other processes'.
            var before = MachineStateRecorder.Take();
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            var current = MachineStateRecorder.Finish(before, 0, pinning.Cpus);
            var frequencies = cores.Cores.Select(c => (c.Cpu, MachineFacts.Governor(c.Cpu), MachineFacts.CpuMhz(c.Cpu))).ToList();

            NoiseFloor? noise = null;
            var exit = ExitCodes.Success;
            if (experiment is not null)
            {
                await lab.Store.CreateAsync(experiment).ConfigureAwait(false);
                say.WriteLine($"ailab doctor: measuring the noise floor: {experiment.TrialsPerVariant} trials + "
                    + $"{experiment.WarmupPerVariant} warm-up of '{experiment.Workflow.Run}' ({pinning.Describe()}), experiment {experiment.Id}");
                using var interruption = new Interruption();
                var outcome = await lab.Runner.RunAsync(
                        experiment, VerdictPolicy.Default, quiet ? null : new ProgressDisplay(Console.Error), interruption.Token).ConfigureAwait(false);
                experiment = outcome.Experiment;
                exit = ExperimentExecution.ExitCodeOf(outcome.Experiment, outcome.FailedTrials.Any(), []);
                if (exit == ExitCodes.Interrupted) return exit;
                noise = NoiseFloor.Compute(outcome.Trials);
            }

            var findings = new DoctorFindings
            {
                Machine = lab.CoreSpeeds.Identity(),
                Cores = cores,
                CoresSource = coresSource,
                Pinning = pinning,
                Current = current,
                Frequencies = frequencies,
                NoiseRun = experiment,
                Noise = noise,
                DefaultDesign = ExtensionDesign.Plan(DefaultTrials, VerdictPolicy.Default.Alpha),
                Advice = NoiseAdvice.For(cores, pinning, current, frequencies.Select(f => f.Item2).ToList(), noise),
            };
            Console.Out.Write(json ? DoctorReport.Json(findings) + "\n" : DoctorReport.Text(findings));
            return exit;
        });
        return command;
    }
}
