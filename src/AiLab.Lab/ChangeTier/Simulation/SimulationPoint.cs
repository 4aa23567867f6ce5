namespace AiLab.Lab.ChangeTier.Simulation;

/// <summary>One point of the recall-versus-budget curve.</summary>
/// <param name="BudgetFraction">The per-change budget as a fraction of running every shrunk test; null for none
/// (footprint selection only).</param>
/// <param name="CapacityFraction">CPU spent over the CPU of running every shrunk test on every change.</param>
/// <param name="Recall">Regressions found over those running every shrunk test finds.</param>
/// <param name="Found">Regressions found.</param>
/// <param name="FoundByAll">Regressions running every shrunk test finds.</param>
public sealed record SimulationPoint(double? BudgetFraction, double CapacityFraction, double Recall, int Found,
    int FoundByAll);
