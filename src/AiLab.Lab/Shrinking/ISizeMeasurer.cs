using AiLab.Core.Workflows;

namespace AiLab.Lab.Shrinking;

/// <summary>Measures one size of a workflow (a few trials), as the fidelity check needs it. The
/// real one runs the trials (<see cref="ShrinkVerifier"/>); tests give the restore logic a fake.</summary>
public interface ISizeMeasurer
{
    /// <summary>Runs <paramref name="workflow"/> <paramref name="runs"/> times in <paramref name="root"/>.</summary>
    Task<SizeMeasurement> MeasureAsync(WorkflowSpec workflow, string root, int runs, CancellationToken ct);
}
