using System.CommandLine;
using System.Globalization;
using AiLab.Lab;
using AiLab.Lab.Experiments;
using AiLab.Outputs;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Onboarding;
using AiLab.Outputs.Rendering;
using AiLab.Outputs.Storing;
using AiLab.Storage;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab outputs</c>: model-output A/B through an inference DAG with a signal-comparison node
/// (docs/outputs.md).</summary>
internal static class OutputsCommand
{
    public static Command Create()
    {
        var command = new Command("outputs", "Model-output A/B: run two model versions on the same examples and compare their signals.");
        command.Subcommands.Add(Run());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Init());
        return command;
    }

    private static Option<string?> Db() => StoreOption.Create();

    private static Command Run()
    {
        var dag = new Argument<string>("dag")
        {
            Description = "The DAG file (YAML), or a comparison named under 'outputs:' in ailab.yaml.",
        };
        var config = new Option<string?>("--config")
        {
            Description = "The ailab.yaml whose 'outputs:' names the DAG (default ./ailab.yaml when DAG is not a file).",
            HelpName = "FILE",
        };
        var failOn = new Option<string?>("--fail-on") { Description = "'failed': exit 4 when the candidate is not ready for traffic.", HelpName = "failed" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the DAG, the data's columns and the models' signatures; run nothing." };
        var json = new Option<bool>("--json") { Description = "Print the comparison as one JSON document." };
        var db = Db();
        var command = new Command("run", "Run a DAG, compare the candidate with the baseline, store the comparison.")
        {
            dag, config, failOn, dryRun, json, db,
        };
        command.SetAction(async (parse, _) =>
        {
            var fail = parse.GetValue(failOn);
            if (fail is not null and not "failed") throw new UsageException($"--fail-on '{fail}' is not known; use --fail-on failed");
            string file;
            try
            {
                file = DagLocator.Resolve(parse.GetValue(dag)!, parse.GetValue(config));
            }
            catch (OutputsInputException e)
            {
                throw new UsageException(e.Message);
            }

            var dagConfig = DagReader.Load(file);
            try
            {
                if (parse.GetValue(dryRun))
                {
                    var table = DagRunner.Validate(dagConfig);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{dagConfig.File}: valid. {table.Count} examples; "
                        + $"features {string.Join(", ", dagConfig.Features.Select(f => f.Name))}; "
                        + $"nodes {string.Join(", ", dagConfig.Models.Select(m => m.Name))}; "
                        + $"compare '{dagConfig.Compare.Name}' ({dagConfig.Compare.Rules.Count} rules)."));
                    return ExitCodes.Success;
                }

                // The store opens first: a store that cannot be used must not cost a whole run's results.
                using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadWrite);
                using var interruption = new Interruption();
                var now = DateTimeOffset.Now;
                var report = await DagRunner.Default(LabPaths.Default().Builds)
                    .RunAsync(dagConfig, ExperimentPlanner.NewId("out", now), now, interruption.Token).ConfigureAwait(false);
                await new ComparisonArchive(stores.OutputComparisons).AddAsync(report, CancellationToken.None)
                    .ConfigureAwait(false);
                Console.Out.Write(parse.GetValue(json) ? ReportJson.Serialize(report) + "\n" : ReportRenderer.Render(report));
                return fail is not null && !report.Passed ? ExitCodes.VerdictMatched : ExitCodes.Success;
            }
            catch (OutputsInputException e)
            {
                await Console.Error.WriteLineAsync($"ailab: {dagConfig.File}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadUsage;
            }
            catch (NodeFailedException e)
            {
                await Console.Error.WriteLineAsync($"ailab: {dagConfig.File}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.WorkloadFailed;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("ailab: interrupted; nothing stored for this comparison.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    private static Command List()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many, newest first (default 20).", DefaultValueFactory = _ => 20, HelpName = "N" };
        var db = Db();
        var command = new Command("list", "List stored model-output comparisons.") { limit, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) < 1) throw new UsageException($"--limit must be at least 1, got {parse.GetValue(limit)}");
            using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadOnly);
            var rows = await new ComparisonArchive(stores.OutputComparisons)
                .ListAsync(parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
                Console.Out.WriteLine(
                    $"No output comparisons yet in {stores.Location.Display}. Try: ailab outputs run DAG");
            foreach (var r in rows)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id,-26} {r.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}  {(r.Passed ? "ready" : "NOT READY"),-9}  "
                    + $"{r.Dag}: {r.Baseline} vs {r.Candidate} on {r.Dataset}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The comparison's id or a unique prefix." };
        var flips = new Option<int>("--flips")
        {
            Description = "How many flipped examples to print (default 10).",
            DefaultValueFactory = _ => 10,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print the stored comparison as JSON." };
        var db = Db();
        var command = new Command("show", "Show a stored comparison: metric deltas with intervals, per slice, flipped examples.") { id, flips, json, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadOnly);
            var report = await new ComparisonArchive(stores.OutputComparisons)
                             .FindAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false)
                         ?? throw new UsageException(
                             $"No output comparison '{parse.GetValue(id)}' in {stores.Location.Display}. "
                             + "See: ailab outputs list");
            Console.Out.Write(parse.GetValue(json) ? ReportJson.Serialize(report) + "\n" : ReportRenderer.Render(report, parse.GetValue(flips)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Init()
    {
        var model = new Option<string>("--model")
        {
            Description = "The ONNX model (it becomes both sides until you point the candidate at a new version).",
            Required = true,
            HelpName = "FILE",
        };
        var data = new Option<string>("--data")
        {
            Description = "The examples, JSONL, CSV or Parquet, with a 0/1 label column.",
            Required = true,
            HelpName = "FILE",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the DAG (default outputs.yaml).",
            DefaultValueFactory = _ => "outputs.yaml",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var config = new Option<string>("--config")
        {
            Description = "The ailab.yaml to add the comparison to, under 'outputs:' (created when missing).",
            DefaultValueFactory = _ => "ailab.yaml",
            HelpName = "FILE",
        };
        var noConfig = new Option<bool>("--no-config") { Description = "Write only the DAG, no ailab.yaml entry." };
        var command = new Command("init", "Generate a DAG that compares a model's outputs, from the model's signature and the data's columns.")
        {
            model, data, output, force, config, noConfig,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (File.Exists(path) && !parse.GetValue(force)) throw new UsageException($"{path} exists; pass --force to overwrite it.");
            string text;
            try
            {
                text = DagTemplate.Generate(parse.GetValue(model)!, parse.GetValue(data)!, Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
            catch (OutputsInputException e)
            {
                throw new UsageException(e.Message);
            }

            File.WriteAllText(path, text);
            ExampleTable table;
            try
            {
                table = DagRunner.Validate(DagReader.Load(path));
            }
            catch (OutputsInputException e)
            {
                throw new UsageException($"{path} was written but does not validate: {e.Message}");
            }

            var name = Path.GetFileNameWithoutExtension(parse.GetValue(model)!) + "-outputs";
            if (!parse.GetValue(noConfig))
            {
                var suite = parse.GetValue(config)!;
                try
                {
                    SuiteEntry.Add(suite, name, path);
                }
                catch (OutputsInputException e)
                {
                    throw new UsageException($"{path} was written, but {e.Message}");
                }

                Console.Out.WriteLine(
                    $"Wrote {path} ({table.Count} examples; dry run passed) and the entry '{name}' under 'outputs:' in {suite}.");
                Console.Out.WriteLine($"Next: ailab outputs run {name} --config {suite}");
                return ExitCodes.Success;
            }

            Console.Out.WriteLine($"Wrote {path} ({table.Count} examples; dry run passed). Next: ailab outputs run {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
