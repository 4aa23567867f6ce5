using System.CommandLine;
using System.Globalization;
using AiLab.Application.Settings;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab;
using AiLab.Lab.Analysis;
using AiLab.Lab.Demo;
using AiLab.Lab.Experiments;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab demo</c>: builds a small git repository from the PyTorch example whose second commit adds
/// logging that looks asynchronous but blocks, A/B-tests the two commits, and shows the verdict and the phase that
/// regressed. Without PyTorch it says how to install it and runs the ML.NET example instead.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var trials = new Option<int>("--trials")
        {
            Description = "Measured trials per variant (default 10).",
            DefaultValueFactory = _ => LabDefaults.Trials, HelpName = "N",
        };

        var warmup = new Option<int>("--warmup")
        {
            Description = "Warm-up trials per variant (default 1).",
            DefaultValueFactory = _ => LabDefaults.Warmup, HelpName = "N",
        };

        var dir = new Option<string?>("--dir")
        {
            Description = "Where to create the demo repository (default: a new folder under $AILAB_HOME/demo).",
            HelpName = "DIR",
        };

        var json = new Option<bool>("--json") { Description = "Print the experiment's JSON document on stdout." };
        var db = StoreOption.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed of the trial order and the bootstrap.",
            HelpName = "N",
        };

        var cpus = new Option<string?>("--cpus")
        {
            Description = "CPUs the trials are pinned to, or 'none' (default 'auto': the steadiest, fastest cores of a per-core "
                + "speed calibration; on a machine whose cores differ in speed a trial landing on either makes TTFB "
                + "bimodal).",
            HelpName = "LIST|auto|none",
        };

        var command = new Command("demo",
            "Create a demo repository from the PyTorch example (its second commit adds blocking 'async' logging) and A/B-test it.")
        {
            trials, warmup, dir, json, db, quiet, seed, cpus,
        };
        command.SetAction(async (parse, _) =>
        {
            CheckDirectory(parse.GetValue(dir));
            var n = TrialSettings.Trials(parse.GetValue(trials), null);
            var w = TrialSettings.Warmup(parse.GetValue(warmup), null);
            using var lab = LabContext.Open(parse.GetValue(db));
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var repoDir = Path.GetFullPath(parse.GetValue(dir) ?? Path.Combine(lab.Paths.Home, "demo", stamp));
            var say = parse.GetValue(quiet) ? TextWriter.Null : Console.Error;

            var pinning = WorkflowOptions.ResolvePinning(parse.GetValue(cpus), null, lab, say);
            say.WriteLine("ailab demo: looking for a Python with PyTorch...");
            var python = PythonLocator.FindWithTorch();
            Experiment experiment;
            if (python is not null)
            {
                var example = ShippedAssets.Find(Path.Combine("examples", "pytorch-train"), directory: true)
                    ?? throw new InvalidOperationException("the PyTorch example (examples/pytorch-train) is not installed next to ailab");
                DemoRepository.Create(example, repoDir);
                say.WriteLine($"ailab demo: created {repoDir} with two commits; HEAD is \"{DemoRepository.CandidateSubject}\"");
                say.WriteLine($"ailab demo: A/B-testing HEAD~1 (baseline) against HEAD (candidate) with {python}, {n} trials each");
                experiment = ExperimentPlanner.Create(
                    new ExperimentPlan
                    {
                        Kind = ExperimentKind.AB,
                        Workflow = new WorkflowSpec
                        {
                            Name = "pytorch-train",
                            Run = $"{python} train.py",
                            Timeout = TimeSpan.FromMinutes(3),
                            ExpectedPhases = ["imports", "config_validation", "preprocessing", "model_build", "first_batch"],
                            Cpus = pinning.Cpus,
                        },
                        RepositoryPath = repoDir,
                        WorkingDirectory = repoDir,
                        Variants = [Variant.Parse("A", "HEAD~1"), Variant.Parse("B", "HEAD")],
                        Trials = n,
                        Warmup = w,
                        Seed = parse.GetValue(seed),
                    },
                    TimeProvider.System);
            }
            else
            {
                say.WriteLine($"ailab demo: PyTorch was not found. To see the PyTorch demo, install it:\n    {PythonLocator.InstallHint}");
                say.WriteLine("ailab demo: running the ML.NET example instead (same code, candidate environment turns on blocking telemetry)");
                experiment = MlnetDemo.Plan(repoDir, n, w, parse.GetValue(seed), say);
                experiment = experiment with { Workflow = experiment.Workflow with { Cpus = pinning.Cpus } };
            }

            experiment = experiment with { Pinning = pinning };
            await lab.Store.CreateAsync(experiment).ConfigureAwait(false);
            return await ExperimentExecution.RunAndReportAsync(
                lab, experiment, VerdictPolicy.Default, parse.GetValue(json), parse.GetValue(quiet), [], confirm: true)
                .ConfigureAwait(false);
        });
        return command;
    }

    // Checked before anything runs: the demo would otherwise measure the cores first and fail only then.
    private static void CheckDirectory(string? dir)
    {
        if (dir is null) return;
        if (string.IsNullOrWhiteSpace(dir)) throw new UsageException("--dir is empty; give a new or empty directory");
        var full = Path.GetFullPath(dir);
        if (File.Exists(full)) throw new UsageException($"--dir {full} is a file; give a new or empty directory");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new UsageException($"--dir {full} is not empty; give a new or empty directory");
    }
}
