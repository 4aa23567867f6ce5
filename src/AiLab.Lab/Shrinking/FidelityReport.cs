namespace AiLab.Lab.Shrinking;

/// <summary>Whether the shrunk workflow exercises what the production one does, and what it costs.</summary>
public sealed record FidelityReport
{
    /// <summary>True when both ran the same phases in the same order and loaded the same modules.</summary>
    public bool Passed => Problems.Count == 0;

    /// <summary>Why fidelity failed (empty when it passed).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The production run's phase order (marks up to first_batch).</summary>
    public required IReadOnlyList<string> ProductionPhases { get; init; }

    /// <summary>The shrunk run's phase order.</summary>
    public required IReadOnlyList<string> ShrunkPhases { get; init; }

    /// <summary>Modules loaded by the production run only.</summary>
    public required IReadOnlyList<string> MissingModules { get; init; }

    /// <summary>Modules loaded by the shrunk run only.</summary>
    public required IReadOnlyList<string> ExtraModules { get; init; }

    /// <summary>How many modules both loaded.</summary>
    public int CommonModules { get; init; }

    /// <summary>Median CPU milliseconds (user + system, whole process tree) of a production trial.</summary>
    public double ProductionCpuMs { get; init; }

    /// <summary>Median CPU milliseconds of a shrunk trial.</summary>
    public double ShrunkCpuMs { get; init; }

    /// <summary>Production CPU over shrunk CPU.</summary>
    public double CostRatio => ShrunkCpuMs > 0 ? ProductionCpuMs / ShrunkCpuMs : double.NaN;

    /// <summary>Median TTFB of each size, ms.</summary>
    public double ProductionTtfbMs { get; init; }

    /// <summary>Median TTFB of the shrunk run, ms.</summary>
    public double ShrunkTtfbMs { get; init; }

    /// <summary>Each phase's share of TTFB at both sizes.</summary>
    public required IReadOnlyList<PhaseShare> Shares { get; init; }

    /// <summary>For each phase the rules left unrepresented: which rule's values were undone, whether that brought
    /// the phase back, and at what cost (<see cref="PhaseRestorer"/>); empty when nothing was tried.</summary>
    public IReadOnlyList<RestoreAttempt> Restores { get; init; } = [];

    /// <summary>The plain runs that measured each size.</summary>
    public required string ProductionExperimentId { get; init; }

    /// <summary>The plain run of the shrunk workflow.</summary>
    public required string ShrunkExperimentId { get; init; }
}
