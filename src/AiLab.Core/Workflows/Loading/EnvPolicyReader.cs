using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates the top-level <c>env_policy:</c> section: <c>allow</c> and <c>deny</c> lists of variable names
/// or <c>*</c> patterns.</summary>
internal sealed class EnvPolicyReader(ValueReader values)
{
    private const string Where = "in 'env_policy'";
    private const string Example = "env_policy: {allow: [HF_TOKEN], deny: ['MYCOMPANY_*']}";
    private static readonly string[] Keys = ["allow", "deny"];

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The policy; problems go to the bag (the default when the section is not a mapping).</summary>
    public EnvironmentPolicy Read(ConfigEntry entry)
    {
        if (entry.Value is not ConfigMapping map)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'env_policy' must be a mapping of allow and deny lists, found {found}", $"e.g. {Example}");
            return EnvironmentPolicy.Default;
        }

        var keys = MappingReader.Read(map, Where, Keys, Bag);
        return new EnvironmentPolicy
        {
            Allow = keys.TryGetValue("allow", out var allow) ? ReadPatterns("allow", allow) : [],
            Deny = keys.TryGetValue("deny", out var deny) ? ReadPatterns("deny", deny) : [],
        };
    }

    private List<string> ReadPatterns(string key, ConfigEntry entry)
    {
        var hint = key == "allow"
            ? "list variables the workload needs although they look like credentials, e.g. allow: [HF_TOKEN, 'WANDB_*']"
            : "list variables to withhold from the workload on top of the defaults, e.g. deny: ['MYCOMPANY_*']";
        var patterns = new List<string>();
        if (entry.Value is not ConfigSequence list)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'{key}' {Where} must be a list of variable names, found {found}", hint);
            return patterns;
        }

        foreach (var item in list.Items)
        {
            if (item is not ConfigScalar { IsNull: false } scalar)
            {
                Bag.Error(item, $"an entry of '{key}' {Where} must be a variable name, found {item.Describe()}", hint);
                continue;
            }

            if (EnvironmentPolicy.Problem(scalar.Value) is { } problem)
            {
                Bag.Error(scalar, $"invalid name '{scalar.Value}' in '{key}' {Where}: {problem}",
                    $"a name or a pattern with '*', e.g. 'AWS_*'; {hint}");
                continue;
            }

            patterns.Add(scalar.Value);
        }

        return patterns;
    }
}
