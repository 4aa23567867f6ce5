namespace AiLab.Lab.ChangeTier;

/// <summary>The plan for one change: what runs, in order, and what does not, with why.</summary>
/// <param name="ChangedFiles">The changed paths.</param>
/// <param name="Selected">What runs, in the order chosen.</param>
/// <param name="Skipped">What does not run, with its reason.</param>
/// <param name="BudgetCpuSeconds">The budget; null for none.</param>
public sealed record ChangeSelection(
    IReadOnlyList<string> ChangedFiles,
    IReadOnlyList<ChangeCandidate> Selected,
    IReadOnlyList<ChangeCandidate> Skipped,
    double? BudgetCpuSeconds)
{
    /// <summary>The selected experiments' expected CPU seconds.</summary>
    public double EstimatedCpuSeconds => Selected.Sum(c => c.CostCpuSeconds);
}
