using System.Text.RegularExpressions;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates one entry under <c>workflows:</c> and merges the defaults into it.</summary>
internal sealed class WorkflowReader(ValueReader values, WorkflowDefaults defaults)
{
    /// <summary>The keys a workflow may set, in the order the docs and hints list them.</summary>
    public static readonly string[] Keys =
        ["run", "build", "workdir", "env", "timeout", "first_batch_pattern", "expect_phases", "auto_instrument", "trials", "warmup",
         "run_to", "gpus", "footprint", "shrink", "shrunk_from", "executor", "slurm"];

    /// <summary>Fewest measured trials per variant: a comparison needs a spread on each side.</summary>
    public const int MinTrials = 2;

    /// <summary>The hint for a bad <c>trials</c> value.</summary>
    public const string TrialsHint = "measured trials per variant: a whole number of at least 2 (10 to 30 is typical)";

    /// <summary>The hint for a bad <c>warmup</c> value.</summary>
    public const string WarmupHint = "discarded warm-up trials per variant: a whole number, 0 for none";

    private static readonly string[] InstrumentNames = ["none", "torch"];

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The workflow, or null when it is not a mapping or lacks <c>run</c> (other problems are reported and skipped).</summary>
    public WorkflowSpec? Read(ConfigScalar name, ConfigNode value)
    {
        var where = $"in workflow '{name.Value}'";
        if (value is not ConfigMapping map)
        {
            var hint = value is ConfigScalar { IsNull: false } command
                ? $"to run a command, write '{name.Value}: {{run: {command.Value}}}'"
                : $"e.g. '{name.Value}: {{run: python3 train.py}}'";
            Bag.Error(value is ConfigScalar { IsNull: true } ? name : value,
                $"workflow '{name.Value}' must be a mapping of its settings ({string.Join(", ", Keys.Take(3))}, ...), found {value.Describe()}",
                hint);
            return null;
        }

        var keys = MappingReader.Read(map, where, Keys, Bag, (key, _) => key == "name"
            ? $"the workflow's name is its key under 'workflows:' ('{name.Value}')"
            : null);

        string? run = null;
        if (keys.TryGetValue("run", out var runEntry))
        {
            run = values.String("run", runEntry, where, "give the shell command that starts one trial, e.g. run: python3 train.py");
        }
        else
        {
            Bag.Error(name, $"workflow '{name.Value}' has no 'run' command", "add 'run: <shell command that starts one trial>'");
        }

        var spec = new WorkflowSpec
        {
            Name = name.Value,
            Run = run ?? "",
            Build = keys.TryGetValue("build", out var build) ? values.String("build", build, where, $"give the shell " +
                $"command that builds the workflow, or remove the key") : null,
            WorkingDirectory = keys.TryGetValue("workdir", out var workdir) ? ReadWorkdir(workdir, where) : null,
            Environment = MergeEnvironment(keys.TryGetValue("env", out var env) ? values.Environment(env, where) : null),
            Timeout = (keys.TryGetValue("timeout", out var timeout) ? values.TrialTimeout(timeout, where) : null)
                ?? defaults.Timeout ?? WorkflowSpec.DefaultTimeout,
            FirstBatchPattern = keys.TryGetValue("first_batch_pattern", out var pattern) ? ReadPattern(pattern, where) : null,
            ExpectedPhases = keys.TryGetValue("expect_phases", out var phases) ? ReadPhases(phases, where) : [],
            AutoInstrument = keys.TryGetValue("auto_instrument", out var instrument) ? ReadInstrument(instrument, where) : AutoInstrument.None,
            Trials = (keys.TryGetValue("trials", out var trials) ? values.Integer("trials", trials, where, MinTrials, TrialsHint) : null) ?? defaults.Trials,
            Warmup = (keys.TryGetValue("warmup", out var warmup) ? values.Integer("warmup", warmup, where, 0, WarmupHint) : null) ?? defaults.Warmup,
            RunTo = keys.TryGetValue("run_to", out var runTo) ? ReadRunTo(runTo, where) : RunTo.Marks,
            Gpus = (keys.TryGetValue("gpus", out var gpus)
                ? values.Integer("gpus", gpus, where, 0, "GPUs each trial holds, for the capacity ledger: 0 (CPU-only), 1, 2, ...")
                : null) ?? 0,
            FootprintGlobs = keys.TryGetValue("footprint", out var footprint) ? ShrinkReader.Globs(values, footprint, where) : [],
            Shrink = keys.TryGetValue("shrink", out var shrink) ? ShrinkReader.Read(values, shrink, where) : ShrinkSettings.None,
            ShrunkFrom = keys.TryGetValue("shrunk_from", out var from)
                ? values.String("shrunk_from", from, where, "the name of the production workflow this one was derived from")
                : null,
        };
        spec = spec with
        {
            Slurm = new SlurmReader(values).Read(keys.GetValueOrDefault("executor"), keys.GetValueOrDefault("slurm"), where),
        };
        if (spec.Slurm is not null && spec.FirstBatchPattern is not null && keys.TryGetValue("first_batch_pattern", out var fbp))
            Bag.Error(fbp.Key, $"'first_batch_pattern' {where} cannot be used with 'executor: slurm'",
                "the log reaches the lab through the shared directory, too late to time a line; mark first_batch with the probe");
        return run is null ? null : spec;
    }

    private Dictionary<string, string> MergeEnvironment(Dictionary<string, string>? own)
    {
        var merged = new Dictionary<string, string>(defaults.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in own ?? [])
        {
            merged[name] = value;
        }

        return merged;
    }

    private string? ReadWorkdir(ConfigEntry entry, string where)
    {
        const string Hint = "give a directory relative to the repository root, e.g. workdir: examples/pytorch-train";
        var dir = values.String("workdir", entry, where, Hint);
        if (dir is null)
        {
            return null;
        }

        if (WorkdirRule.Problem(dir) is { } problem)
        {
            Bag.Error(entry.Value, $"'workdir' {where} {problem}", Hint);
            return null;
        }

        return dir;
    }

    private string? ReadPattern(ConfigEntry entry, string where)
    {
        const string Hint = "a .NET regular expression matched against each stdout/stderr line; "
            + "escape literal ( ) [ ] . + * ? with a backslash, and single-quote the YAML value so backslashes stay as written";
        var pattern = values.String("first_batch_pattern", entry, where, Hint);
        if (pattern is null)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException e)
        {
            Bag.Error(entry.Value, $"'first_batch_pattern' {where} is not a valid regular expression: {e.Message}", Hint);
            return null;
        }
    }

    private List<string> ReadPhases(ConfigEntry entry, string where)
    {
        const string Hint = "write a list of phase names, e.g. expect_phases: [imports, config_validation]";
        var phases = new List<string>();
        if (entry.Value is not ConfigSequence list)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'expect_phases' {where} must be a list of phase names, found {found}", Hint);
            return phases;
        }

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not ConfigScalar { IsNull: false } phase || string.IsNullOrWhiteSpace(phase.Value))
            {
                var found = item is ConfigScalar ? "an empty name" : item.Describe();
                Bag.Error(item, $"a phase in 'expect_phases' {where} must be a non-empty name, found {found}", Hint);
            }
            else if (firstLine.TryGetValue(phase.Value, out var line))
            {
                Bag.Error(item, $"phase '{phase.Value}' is listed twice in 'expect_phases' {where} (first on line {line})",
                    "remove the repetition");
            }
            else
            {
                firstLine.Add(phase.Value, phase.Line);
                phases.Add(phase.Value);
            }
        }

        return phases;
    }

    private RunTo ReadRunTo(ConfigEntry entry, string where)
    {
        var allowed = "allowed values: marks (stop once first_batch and every expect_phases mark arrived, the "
                      + "default), completion (let the workload exit by itself)";
        var scalar = values.Scalar("run_to", entry, where, "one of marks, completion", allowed);
        if (scalar is null)
            return RunTo.Marks;
        if (RunToNames.All.TryGetValue(scalar.Value, out var runTo))
            return runTo;
        var closest = Suggestions.Closest(scalar.Value, RunToNames.All.Keys);
        Bag.Error(scalar, $"unknown run_to '{scalar.Value}' {where}",
            closest is null ? allowed : $"did you mean '{closest}'? {allowed}");
        return RunTo.Marks;
    }

    private AutoInstrument ReadInstrument(ConfigEntry entry, string where)
    {
        var allowed = $"allowed values: {string.Join(", ", InstrumentNames)}";
        var scalar = values.Scalar("auto_instrument", entry, where, "one of none, torch", allowed);
        switch (scalar?.Value)
        {
            case null:
                return AutoInstrument.None;
            case "none":
                return AutoInstrument.None;
            case "torch":
                return AutoInstrument.Torch;
            default:
                var closest = Suggestions.Closest(scalar.Value, InstrumentNames);
                Bag.Error(scalar, $"unknown auto_instrument '{scalar.Value}' {where}",
                    closest is null ? allowed : $"did you mean '{closest}'? {allowed}");
                return AutoInstrument.None;
        }
    }
}
