namespace AiLab.Core.Trials;

/// <summary>Runs trials. The local executor runs real processes; tests may substitute a deterministic one.</summary>
public interface ITrialExecutor
{
    /// <summary>Runs one trial. Workload failures come back as a failed <see cref="TrialResult"/>; only bugs and
    /// cancellation throw. On cancellation the process group is killed and an <see cref="FailureKind.Interrupted"/>
    /// result is returned.</summary>
    Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken);
}
