using AiLab.Core.Verdicts;

namespace AiLab.Lab.ChangeTier;

/// <summary>One experiment the change tier ran.</summary>
/// <param name="Candidate">Why it was chosen and what it was expected to cost.</param>
/// <param name="ExperimentId">The A/B experiment.</param>
/// <param name="ConfirmationId">Its confirmation, when one ran.</param>
/// <param name="Verdict">The overall verdict; null when the experiment did not complete.</param>
/// <param name="Status">The experiment's status (completed, failed, interrupted).</param>
/// <param name="SpentCpuSeconds">CPU seconds all its trials (and its confirmation's) spent.</param>
/// <param name="WorkloadFailed">True when the workload failed in some trial.</param>
public sealed record ChangeRun(
    ChangeCandidate Candidate, string ExperimentId, string? ConfirmationId, Verdict? Verdict, string Status,
    double SpentCpuSeconds, bool WorkloadFailed);
