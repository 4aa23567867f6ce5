using System.Collections;
using AiLab.Core.Workflows;
using AiLab.Execution.Probes;

namespace AiLab.Execution.Processes;

/// <summary>Builds the environment of a trial: the harness's own minus what the <see cref="EnvironmentPolicy"/>
/// withholds, then the request's overrides (null removes a variable; an explicit value is never withheld), then
/// <c>AILAB_EVENTS</c>, which always points at the trial's events file.</summary>
internal static class EnvironmentBlock
{
    /// <summary>Returns <c>NAME=value</c> entries in ordinal order, so that two trials get byte-identical environments.</summary>
    public static IReadOnlyList<string> Build(IDictionary inherited, IReadOnlyDictionary<string, string?> overrides,
        string eventsPath, EnvironmentPolicy? policy = null)
    {
        policy ??= EnvironmentPolicy.Default;
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            if (entry.Key is string name && entry.Value is string value && !policy.Withholds(name))
                variables[name] = value;
        }

        foreach (var (name, value) in overrides)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal))
                throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(overrides));
            if (value is null)
                variables.Remove(name);
            else
                variables[name] = value;
        }

        variables[ProbeMarks.EventsVariable] = eventsPath;
        return variables.Select(kv => $"{kv.Key}={kv.Value}").ToList();
    }
}
