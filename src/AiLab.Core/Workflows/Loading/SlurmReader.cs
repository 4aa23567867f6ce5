using System.Text.RegularExpressions;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates a workflow's <c>executor:</c> and <c>slurm:</c> keys (docs/slurm.md).</summary>
internal sealed partial class SlurmReader(ValueReader values)
{
    /// <summary>The keys of the <c>slurm:</c> mapping, in the order hints list them.</summary>
    public static readonly string[] Keys =
        ["partition", "account", "cpus", "mem", "gpus", "time", "constraint", "same_node", "retries"];

    private static readonly string[] Executors = ["local", "slurm"];

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The Slurm settings, or null for the local executor; problems go to the bag.</summary>
    public SlurmSettings? Read(ConfigEntry? executor, ConfigEntry? slurm, string where)
    {
        var allowed = $"allowed values: {string.Join(", ", Executors)}";
        var name = executor is null ? null : values.Scalar("executor", executor, where, "local or slurm", allowed);
        if (name is not null && !Executors.Contains(name.Value))
        {
            var closest = Suggestions.Closest(name.Value, Executors);
            Bag.Error(name, $"unknown executor '{name.Value}' {where}",
                closest is null ? allowed : $"did you mean '{closest}'? {allowed}");
            return null;
        }

        if (name?.Value != "slurm")
        {
            if (slurm is not null)
                Bag.Error(slurm.Key, $"'slurm' settings {where} but the workflow runs locally",
                    "add 'executor: slurm' to submit its trials to Slurm, or remove the 'slurm:' block");
            return null;
        }

        if (slurm is null)
            return SlurmSettings.Default;
        if (slurm.Value is ConfigScalar { IsNull: true })
            return SlurmSettings.Default;
        if (slurm.Value is not ConfigMapping map)
        {
            Bag.Error(slurm.Value,
                $"'slurm' {where} must be a mapping of its settings ({string.Join(", ", Keys.Take(4))}, ...), "
                + $"found {slurm.Value.Describe()}", "e.g. slurm: {partition: gpu, cpus: 4, mem: 16G, time: 30m}");
            return null;
        }

        var inSlurm = $"in the 'slurm' settings {where}";
        var keys = MappingReader.Read(map, inSlurm, Keys, Bag);
        var settings = SlurmSettings.Default;
        if (keys.TryGetValue("partition", out var partition))
            settings = settings with
            {
                Partition = Word("partition", partition, inSlurm, "a partition name, e.g. partition: gpu"),
            };
        if (keys.TryGetValue("account", out var account))
            settings = settings with
            {
                Account = Word("account", account, inSlurm, "the account charged, e.g. account: ml-perf"),
            };
        if (keys.TryGetValue("cpus", out var cpus))
            settings = settings with
            {
                Cpus = values.Integer("cpus", cpus, inSlurm, 1, "CPUs per trial, e.g. cpus: 4"),
            };
        if (keys.TryGetValue("mem", out var mem))
            settings = settings with
            {
                Memory = Matching("mem", mem, inSlurm, Memory(),
                    "memory per trial in Slurm's units, e.g. mem: 16G or mem: 500M"),
            };
        if (keys.TryGetValue("gpus", out var gpus))
            settings = settings with
            {
                Gpus = Matching("gpus", gpus, inSlurm, Gpus(),
                    "GPUs per trial: a count or TYPE:COUNT, e.g. gpus: 1 or gpus: a100:2"),
            };
        if (keys.TryGetValue("time", out var time))
            settings = settings with { TimeLimit = values.Duration("time", time, inSlurm) };
        if (keys.TryGetValue("constraint", out var constraint))
            settings = settings with
            {
                Constraint = values.String("constraint", constraint, inSlurm,
                    "node features, e.g. constraint: skylake&ib"),
            };
        if (keys.TryGetValue("same_node", out var same) && Boolean("same_node", same, inSlurm) is { } sameNode)
            settings = settings with { SameNode = sameNode };
        if (keys.TryGetValue("retries", out var retries))
            settings = settings with
            {
                Retries = values.Integer("retries", retries, inSlurm, 0,
                    "resubmissions after an infrastructure failure, e.g. retries: 2") ?? SlurmSettings.DefaultRetries,
            };
        return settings;
    }

    private string? Word(string key, ConfigEntry entry, string where, string hint) =>
        Matching(key, entry, where, NoSpace(), hint);

    private string? Matching(string key, ConfigEntry entry, string where, Regex pattern, string hint)
    {
        var text = values.String(key, entry, where, hint);
        if (text is null || pattern.IsMatch(text))
            return text;
        Bag.Error(entry.Value, $"'{key}' {where} is not valid, found '{text}'", hint);
        return null;
    }

    private bool? Boolean(string key, ConfigEntry entry, string where)
    {
        const string Hint = "write true or false";
        var scalar = values.Scalar(key, entry, where, "true or false", Hint);
        switch (scalar?.Value)
        {
            case null: return null;
            case "true" when scalar.IsPlain: return true;
            case "false" when scalar.IsPlain: return false;
            default:
                Bag.Error(scalar, $"'{key}' {where} must be true or false, found {scalar.Describe()}", Hint);
                return null;
        }
    }

    [GeneratedRegex(@"^[^\s,]+$")]
    private static partial Regex NoSpace();

    [GeneratedRegex(@"^[0-9]+[KMGT]?$")]
    private static partial Regex Memory();

    [GeneratedRegex(@"^([A-Za-z0-9_.-]+:)?[0-9]+$")]
    private static partial Regex Gpus();
}
