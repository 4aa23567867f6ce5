using System.Text.RegularExpressions;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates the top level of <c>ailab.yaml</c> (version, defaults, workflows) and reads each workflow.</summary>
internal sealed partial class SuiteReader(DiagnosticBag bag)
{
    private const string Example = "workflows: {train: {run: python3 train.py}}";
    private static readonly string[] TopKeys =
        ["version", "defaults", "workflows", "notify", "env_policy", "capacity", "outputs"];
    private static readonly string[] DefaultKeys = ["timeout", "trials", "warmup", "env"];

    private readonly ValueReader _values = new(bag);

    /// <summary>The <c>notify:</c> section after <see cref="Read"/>; no sinks when the file has none.</summary>
    public Incidents.Sinks.NotifyConfig Notify { get; private set; } = Incidents.Sinks.NotifyConfig.None;

    /// <summary>The <c>capacity:</c> budget after <see cref="Read"/>; null when the file sets none.</summary>
    public Capacity.CapacityBudget? Capacity { get; private set; }

    /// <summary>The <c>outputs:</c> section after <see cref="Read"/>: DAG files by name, as written.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; private set; } = new Dictionary<string, string>();

    /// <summary>The workflows, in file order; problems go to the bag (the result is then incomplete).</summary>
    public List<WorkflowSpec> Read(ConfigNode? root)
    {
        var workflows = new List<WorkflowSpec>();
        if (root is null)
        {
            bag.Error(1, 1, "the file is empty", $"define at least one workflow, e.g. {Example}");
            return workflows;
        }

        if (root is not ConfigMapping top)
        {
            bag.Error(root, $"the top level must be a mapping with a 'workflows' key, found {root.Describe()}",
                $"start the file with 'workflows:', e.g. {Example}");
            return workflows;
        }

        var keys = MappingReader.Read(top, "at the top level", TopKeys, bag, HintForTopLevel);
        if (keys.TryGetValue("version", out var version))
        {
            ReadVersion(version);
        }

        if (keys.TryGetValue("notify", out var notify))
        {
            Notify = new NotifyReader(_values).Read(notify);
        }

        if (keys.TryGetValue("capacity", out var capacity))
        {
            Capacity = new CapacityReader(_values).Read(capacity);
        }

        if (keys.TryGetValue("outputs", out var outputs))
        {
            Outputs = new OutputsReader(_values).Read(outputs);
        }

        var defaults = keys.TryGetValue("defaults", out var defaultsEntry) ? ReadDefaults(defaultsEntry) : WorkflowDefaults.None;
        var policy = keys.TryGetValue("env_policy", out var policyEntry)
            ? new EnvPolicyReader(_values).Read(policyEntry)
            : EnvironmentPolicy.Default;
        if (!keys.TryGetValue("workflows", out var workflowsEntry))
        {
            // A file that only names model-output comparisons (ailab outputs init) needs no workflow.
            if (keys.ContainsKey("outputs")) return workflows;
            bag.Error(top, "missing required key 'workflows'", $"add a 'workflows:' mapping from name to workflow, e.g. {Example}");
            return workflows;
        }

        switch (workflowsEntry.Value)
        {
            case ConfigMapping map when map.Entries.Count > 0:
                ReadWorkflows(map, defaults, workflows);
                workflows = workflows.Select(w => w with { EnvPolicy = policy }).ToList();
                break;
            case ConfigMapping or ConfigScalar { IsNull: true }:
                bag.Error(workflowsEntry.Key, "'workflows' defines no workflow", $"add at least one, e.g. {Example}");
                break;
            case ConfigSequence:
                bag.Error(workflowsEntry.Value, "'workflows' must be a mapping from workflow name to workflow, found a list",
                    "write each workflow as 'NAME:' followed by its indented keys, not as a list item '- ...'");
                break;
            default:
                bag.Error(workflowsEntry.Value, $"'workflows' must be a mapping from workflow name to workflow, found {workflowsEntry.Value.Describe()}",
                    $"e.g. {Example}");
                break;
        }

        return workflows;
    }

    private static string? HintForTopLevel(string key, ConfigEntry entry) =>
        entry.Value is ConfigMapping map && map.Entries.Any(e => e.Key is ConfigScalar { Value: "run" })
            ? $"'{key}' looks like a workflow: indent it under 'workflows:'"
            : null;

    private void ReadVersion(ConfigEntry entry)
    {
        const string Hint = "this AiLab reads version 1: write 'version: 1' or remove the key";
        var scalar = _values.Scalar("version", entry, "at the top level", "the integer 1", Hint);
        if (scalar is null)
        {
            return;
        }

        if (!scalar.IsPlain || !int.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            bag.Error(scalar, $"'version' must be the integer 1, found {scalar.Describe()}", Hint);
        }
        else if (number != 1)
        {
            bag.Error(scalar, $"unsupported version {number}", Hint);
        }
    }

    private WorkflowDefaults ReadDefaults(ConfigEntry entry)
    {
        const string Where = "in 'defaults'";
        if (entry.Value is not ConfigMapping map)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'defaults' must be a mapping of {string.Join(", ", DefaultKeys)}, found {found}",
                "e.g. defaults: {timeout: 10m, trials: 10}; or remove the key");
            return WorkflowDefaults.None;
        }

        var keys = MappingReader.Read(map, Where, DefaultKeys, bag, (key, _) => WorkflowReader.Keys.Contains(key)
            ? $"'{key}' has no default: set it in each workflow"
            : null);
        return new WorkflowDefaults(
            keys.TryGetValue("timeout", out var timeout) ? _values.TrialTimeout(timeout, Where) : null,
            keys.TryGetValue("trials", out var trials) ? _values.Integer("trials", trials, Where, WorkflowReader.MinTrials, WorkflowReader.TrialsHint) : null,
            keys.TryGetValue("warmup", out var warmup) ? _values.Integer("warmup", warmup, Where, 0, WorkflowReader.WarmupHint) : null,
            keys.TryGetValue("env", out var env) ? _values.Environment(env, Where) ?? [] : new Dictionary<string, string>());
    }

    private void ReadWorkflows(ConfigMapping map, WorkflowDefaults defaults, List<WorkflowSpec> workflows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new WorkflowReader(_values, defaults);
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not ConfigScalar { IsNull: false } key)
            {
                bag.Error(entry.Key, $"a workflow name must be a plain name, found {entry.Key.Describe()}",
                    "use letters, digits, '.', '_' and '-'");
                continue;
            }

            if (seen.TryGetValue(key.Value, out var firstLine))
            {
                bag.Error(key, $"duplicate workflow '{key.Value}'; it is first defined on line {firstLine}",
                    "rename or remove one of them: each workflow name must be unique");
                continue;
            }

            seen.Add(key.Value, key.Line);
            if (!NamePattern().IsMatch(key.Value))
            {
                bag.Error(key, $"invalid workflow name '{key.Value}'",
                    "use only letters, digits, '.', '_' and '-': the name is typed after --workflow");
            }

            if (reader.Read(key, entry.Value) is { } workflow)
            {
                workflows.Add(workflow);
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex NamePattern();
}
