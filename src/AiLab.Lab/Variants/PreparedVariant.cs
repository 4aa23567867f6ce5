using AiLab.Core.Variants;

namespace AiLab.Lab.Variants;

/// <summary>A variant ready to run trials: where, with which environment, and how its build went.</summary>
public sealed record PreparedVariant
{
    /// <summary>The variant.</summary>
    public required Variant Variant { get; init; }

    /// <summary>True when the build (if any) succeeded and trials can run.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Directory trials start in.</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>Environment overrides for every trial of this variant (workflow, variant, probe).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>True when the build came from the cache.</summary>
    public bool BuildReused { get; init; }

    /// <summary>Log of the build, when there was one.</summary>
    public string? BuildLogPath { get; init; }

    /// <summary>Why the variant could not be prepared.</summary>
    public string? Reason { get; init; }
}
