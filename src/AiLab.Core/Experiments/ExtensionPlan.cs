using AiLab.Stats.Sequential;

namespace AiLab.Core.Experiments;

/// <summary>The default experiment's error-controlled extension: looks at n, 2n, 3n trials per variant, each
/// decided at a nominal level whose group-sequential sum over the looks keeps the false-positive rate at
/// <see cref="Alpha"/>. The experiment stops at the first look whose verdict is not inconclusive.</summary>
public sealed record ExtensionPlan
{
    /// <summary>The overall two-sided false-positive rate over all looks.</summary>
    public required double Alpha { get; init; }

    /// <summary>Measured trials per variant at each look, increasing; the first is the default trial count, the last
    /// the cap.</summary>
    public required IReadOnlyList<int> Looks { get; init; }

    /// <summary>The α each look's verdict is decided at (the two-sided tail of its group-sequential
    /// boundary).</summary>
    public required IReadOnlyList<double> NominalAlphas { get; init; }

    /// <summary>The α-spending function the boundaries come from.</summary>
    public required SpendingFunction Spending { get; init; }

    /// <summary>Why each extension happened, in order (empty until the first).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];
}
