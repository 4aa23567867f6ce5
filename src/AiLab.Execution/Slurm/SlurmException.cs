namespace AiLab.Execution.Slurm;

/// <summary>Slurm's commands cannot be run or did not answer: the cluster is unreachable, not a trial's
/// failure.</summary>
public sealed class SlurmException(string message) : Exception(message);
