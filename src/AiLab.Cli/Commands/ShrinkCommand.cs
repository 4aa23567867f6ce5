using AiLab.Application;
using System.CommandLine;
using AiLab.Cli.Rendering;
using AiLab.Core.Workflows;
using AiLab.Lab.Footprints;
using AiLab.Lab.Shrinking;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab shrink</c>: derives a shrunk test from a production workflow and verifies its fidelity.</summary>
internal static class ShrinkCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Workflow file (default: ./ailab.yaml).",
            HelpName = "FILE" };
        var workflow = new Option<string?>("--workflow") { Description = "The production workflow to shrink.",
            HelpName = "NAME" };
        var root = new Option<string?>("--root") { Description = "Directory the workflow's workdir is relative to " +
            "(default: the config file's directory).", HelpName = "DIR" };
        var runs = new Option<int>("--runs") { Description = "Trials of each size for the fidelity check (default 2).",
            DefaultValueFactory = _ => 2, HelpName = "N" };
        var noVerify = new Option<bool>("--no-verify") { Description = "Derive and write only; do not run both " +
            "sizes." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var db = new Option<string?>("--db") { Description = "SQLite database (default: $AILAB_HOME/ailab.db).",
            HelpName = "FILE" };
        var command = new Command("shrink",
            "Derive a shrunk, CPU-only test from a production workflow (written next to it as "
            + "ailab.shrunk.yaml) and verify that it runs the same phases and loads the same code, at a fraction "
            + "of the cost.");
        foreach (var option in new Option[] { config, workflow, root, runs, noVerify, json, db })
            command.Options.Add(option);
        command.SetAction(async (parse, _) =>
        {
            var name = parse.GetValue(workflow)
                ?? throw new UsageException("--workflow NAME is required: the production workflow to shrink");
            var path = Path.GetFullPath(parse.GetValue(config) ?? "ailab.yaml");
            if (!File.Exists(path)) throw new UsageException($"config file {path} does not exist; pass --config FILE");
            var rootDir = Path.GetFullPath(parse.GetValue(root) ?? Path.GetDirectoryName(path)!);
            if (!Directory.Exists(rootDir)) throw new UsageException($"--root {rootDir} does not exist");
            var count = parse.GetValue(runs);
            if (count < 2) throw new UsageException($"--runs must be at least 2, got {count}");
            var production = WorkflowConfig.Load(path).Get(name);
            if (production.ShrunkFrom is not null)
                throw new UsageException($"workflow '{name}' is itself derived from '{production.ShrunkFrom}'; " +
                    $"shrink the original");

            // Throws ShrinkException (exit 2) before anything is written.
            var shrunk = Shrinker.Derive(production, rootDir);
            foreach (var (file, tree) in shrunk.Files) ConfigFile.Write(file, tree);
            var derivedFile = DerivedWorkflowFile.Write(path, shrunk.Shrunk);
            FidelityReport? report = null;
            if (!parse.GetValue(noVerify))
            {
                using var lab = LabContext.Open(parse.GetValue(db));
                using var interruption = new Interruption();
                Console.Error.WriteLine($"ailab: running {name} and {shrunk.Shrunk.Name}, {count} trials each, to " +
                    $"check fidelity");
                (shrunk, report) = await new ShrinkVerifier(lab.Runner, lab.Store, lab.Paths, TimeProvider.System)
                    .VerifyRepresentingAsync(shrunk, rootDir, count, again =>
                    {
                        Console.Error.WriteLine(again.Restored.Count > 0
                            ? $"ailab: writing {again.Shrunk.Name} with " +
                              $"{string.Join(", ", again.Restored.Select(c => c.Key))} kept at the production value"
                            : $"ailab: writing {again.Shrunk.Name} as the rules shrink it");
                        foreach (var (file, tree) in again.Files) ConfigFile.Write(file, tree);
                        derivedFile = DerivedWorkflowFile.Write(path, again.Shrunk);
                        return Task.CompletedTask;
                    }, interruption.Token).ConfigureAwait(false);
                await RecordFootprintAsync(lab, report, CancellationToken.None).ConfigureAwait(false);
            }

            Console.Out.Write(parse.GetValue(json)
                ? ShrinkReportText.Json(shrunk, derivedFile, report) + "\n"
                : ShrinkReportText.Text(shrunk, derivedFile, report));
            return report is { Passed: false } ? ExitCodes.Error : ExitCodes.Success;
        });
        return command;
    }

    private static async Task RecordFootprintAsync(LabSession lab, FidelityReport report, CancellationToken ct)
    {
        var experiment = await lab.Store.FindAsync(report.ProductionExperimentId, ct).ConfigureAwait(false);
        if (experiment is null) return;
        var trials = await lab.Store.GetTrialsAsync(experiment.Id, ct).ConfigureAwait(false);
        await new FootprintRecorder(lab.Footprints, lab.Paths, TimeProvider.System)
            .RecordAsync(experiment, trials, ct).ConfigureAwait(false);
    }
}
