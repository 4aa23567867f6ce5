namespace AiLab.Execution.Processes;

/// <summary>A process started by <see cref="PosixSpawner"/>: its pid (also its session and process-group id) and the
/// read ends of its stdout and stderr pipes, which the caller owns.</summary>
internal sealed record SpawnedProcess(int Pid, int StdoutFd, int StderrFd);
