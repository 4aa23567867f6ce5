namespace AiLab.Execution.Slurm;

/// <summary>The three things the executor asks of a Slurm cluster, and a fourth it may (the nodes' allocation, for
/// running several trials at once). The real one runs Slurm's commands
/// (<see cref="SlurmCli"/>); tests substitute a scripted one to reach states a one-node cluster cannot produce
/// (node failure, preemption).</summary>
public interface ISlurmClient
{
    /// <summary>Submits <paramref name="scriptPath"/> with <c>sbatch --parsable</c> and
    /// <paramref name="options"/>, with exactly <paramref name="environment"/> (<c>KEY=VALUE</c> items) exported to
    /// the job. Returns the job id, or the scheduler's refusal as <see cref="SlurmSubmission.Error"/>.</summary>
    Task<SlurmSubmission> SubmitAsync(string scriptPath, IReadOnlyList<string> options,
        IReadOnlyList<string> environment, CancellationToken cancellationToken);

    /// <summary>The job's current state and times, or null when the controller no longer knows it.</summary>
    Task<SlurmJobInfo?> QueryAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Releases jobs submitted with <c>--hold</c>, all in one request (<c>scontrol release ID,ID</c>), so that
    /// the scheduler sees them eligible at once; throws <see cref="SlurmException"/> when it refuses.</summary>
    Task ReleaseAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken);

    /// <summary>Asks the scheduler to cancel the job (<c>scancel</c>); a job already gone is not an error.</summary>
    Task CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Every node and its allocation (<c>scontrol show node -o</c>); empty when the client cannot say, and
    /// then the lab runs one trial at a time.</summary>
    Task<IReadOnlyList<SlurmNodeInfo>> NodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SlurmNodeInfo>>([]);
}
