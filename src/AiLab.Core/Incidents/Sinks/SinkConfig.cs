namespace AiLab.Core.Incidents.Sinks;

/// <summary>One notification sink as configured under <c>notify: sinks:</c> in ailab.yaml.</summary>
/// <param name="Name">Unique name; delivery records are kept per name, so renaming a sink re-delivers to it.</param>
public abstract record SinkConfig(string Name)
{
    /// <summary>The <c>type</c> key's value: <c>webhook</c>, <c>github</c>, <c>smtp</c> or <c>markdown</c>.</summary>
    public abstract string Type { get; }
}
