namespace AiLab.Execution.Processes;

/// <summary>Either the started process or why it could not be started (a workload failure, not an exception).</summary>
internal sealed record SpawnOutcome(SpawnedProcess? Process, string? Error)
{
    /// <summary>The process started.</summary>
    public static SpawnOutcome Started(SpawnedProcess process) => new(process, null);

    /// <summary>posix_spawn (or a pipe) failed; <paramref name="error"/> carries the errno text.</summary>
    public static SpawnOutcome Fail(string error) => new(null, error);
}
