namespace AiLab.Core.Experiments.Leases;

/// <summary>Durable, cross-process leases on experiments. Every operation is atomic against other processes.</summary>
public interface ILeaseStore
{
    /// <summary>Stores <paramref name="wanted"/> unless another lease on the experiment exists that
    /// <paramref name="canTakeOver"/> refuses to replace.</summary>
    /// <returns>Null when <paramref name="wanted"/> is now the lease; otherwise the lease that stays.</returns>
    Task<ExperimentLease?> TryAcquireAsync(
        ExperimentLease wanted, Func<ExperimentLease, bool> canTakeOver, CancellationToken cancellationToken = default);

    /// <summary>Moves the heartbeat and the expiry of the lease with <paramref name="token"/>.</summary>
    /// <returns>False when that lease is no longer stored (another process took the experiment over).</returns>
    Task<bool> RenewAsync(
        string experimentId, string token, DateTimeOffset heartbeatAt, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default);

    /// <summary>Drops the lease with <paramref name="token"/>; does nothing when it is no longer stored.</summary>
    Task ReleaseAsync(string experimentId, string token, CancellationToken cancellationToken = default);

    /// <summary>The experiment's lease, or null when none is stored.</summary>
    Task<ExperimentLease?> GetLeaseAsync(string experimentId, CancellationToken cancellationToken = default);
}
