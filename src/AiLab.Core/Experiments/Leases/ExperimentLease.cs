namespace AiLab.Core.Experiments.Leases;

/// <summary>One process's claim to run an experiment: only the holder runs trials or writes the verdict.</summary>
/// <param name="ExperimentId">The experiment it covers.</param>
/// <param name="Token">Random per acquisition: renewals and the release name it, so a holder that lost its lease
/// cannot renew or drop its successor's.</param>
/// <param name="Holder">The process that holds it.</param>
/// <param name="AcquiredAt">When it was taken.</param>
/// <param name="HeartbeatAt">When the holder last renewed it.</param>
/// <param name="ExpiresAt">When it lapses without a renewal; a holder on another host is presumed gone after it.</param>
public sealed record ExperimentLease(
    string ExperimentId,
    string Token,
    LeaseHolder Holder,
    DateTimeOffset AcquiredAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset ExpiresAt);
