namespace AiLab.Execution.Slurm;

/// <summary>What <c>sbatch</c> answered: a job id, or why it refused the job.</summary>
/// <param name="JobId">The new job's id; null when refused.</param>
/// <param name="Error">sbatch's message when it refused, e.g. "invalid partition specified".</param>
public sealed record SlurmSubmission(string? JobId, string? Error);
