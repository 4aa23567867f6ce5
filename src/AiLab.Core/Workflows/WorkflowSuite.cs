using AiLab.Core.Workflows.Loading;

namespace AiLab.Core.Workflows;

/// <summary>The workflows of one <c>ailab.yaml</c>, in file order, with the defaults already merged into each.</summary>
/// <param name="Path">The file they came from, as the caller named it; null when the suite was built in code.</param>
/// <param name="Workflows">The workflows, in the order the file lists them.</param>
public sealed record WorkflowSuite(string? Path, IReadOnlyList<WorkflowSpec> Workflows)
{
    /// <summary>Where incidents are sent (the <c>notify:</c> section); no sinks when the file has none.</summary>
    public Incidents.Sinks.NotifyConfig Notify { get; init; } = Incidents.Sinks.NotifyConfig.None;

    /// <summary>The owner's capacity budget (the <c>capacity:</c> section); null when the file sets none.</summary>
    public Capacity.CapacityBudget? Capacity { get; init; }

    /// <summary>Model-output comparisons (the <c>outputs:</c> section): DAG file by name, relative to this
    /// file.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Most workflow names an unknown-workflow message lists.</summary>
    public const int MaxListed = 8;

    /// <summary>The workflow called <paramref name="name"/> (exact, case-sensitive).</summary>
    /// <exception cref="ConfigException">No workflow has that name; the message lists those that exist.</exception>
    public WorkflowSpec Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var workflow in Workflows)
        {
            if (workflow.Name == name)
            {
                return workflow;
            }
        }

        var file = Path ?? "ailab.yaml";
        var names = Workflows.Select(w => w.Name).ToList();
        var defined = names.Count switch
        {
            0 => "it defines none",
            <= MaxListed => $"it defines: {string.Join(", ", names)}",
            // A generated file can define thousands: name only the closest few, never the whole file again.
            _ => $"it defines {names.Count} workflows; the closest names: {string.Join(", ", Nearest(name, names))}",
        };
        var closest = Suggestions.Closest(name, names);
        var hint = closest is null ? "pass one of the defined names to --workflow" : $"did you mean '{closest}'?";
        throw new ConfigException(new ConfigDiagnostic(file, null, null, $"no workflow named '{name}' in {file}; {defined}", hint));
    }

    private static IEnumerable<string> Nearest(string name, List<string> names) => names
        .Select(n => (Name: n, Distance: Suggestions.Distance(Cut(name), Cut(n))))
        .OrderBy(x => x.Distance)
        .ThenBy(x => x.Name, StringComparer.Ordinal)
        .Take(5)
        .Select(x => x.Name.Length > 60 ? x.Name[..60] + "..." : x.Name);

    // Bounded cost: the edit distance is quadratic, and a name in a hostile file can be megabytes long.
    private static string Cut(string text) => text.Length > 64 ? text[..64] : text;
}
