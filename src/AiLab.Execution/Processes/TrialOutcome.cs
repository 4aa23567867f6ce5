using AiLab.Core.Trials;

namespace AiLab.Execution.Processes;

/// <summary>The verdict on one trial's process: whether its numbers count and, if not, why.</summary>
internal sealed record TrialOutcome(TrialStatus Status, FailureKind Failure, string? Reason);
