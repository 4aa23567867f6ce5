using AiLab.Core.Experiments.Leases;

namespace AiLab.Lab.Experiments.Leases;

/// <summary>A lease this process holds, renewed in the background until disposed (by its last user: holds nest).</summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly ExperimentLeases owner;
    private volatile bool lost;

    internal HeldLease(ExperimentLeases owner, ExperimentLease lease)
    {
        this.owner = owner;
        Lease = lease;
    }

    /// <summary>The lease as acquired.</summary>
    public ExperimentLease Lease { get; }

    /// <summary>True once a renewal found the lease gone: another process took the experiment over.</summary>
    public bool Lost => lost;

    internal int Users { get; set; } = 1;

    internal ITimer? Heartbeat { get; set; }

    /// <summary>Throws when another process took the experiment over, so that nothing more is written for it.</summary>
    /// <exception cref="ExperimentBusyException">The lease was lost.</exception>
    public async Task ThrowIfLostAsync(CancellationToken cancellationToken = default)
    {
        if (!lost) return;
        var current = await owner.CurrentAsync(Lease.ExperimentId, cancellationToken).ConfigureAwait(false) ?? Lease;
        throw new ExperimentBusyException(current,
            $"experiment {Lease.ExperimentId} was taken over by {current.Holder} while this process ran it (its lease "
            + "lapsed); this process stops without writing more, and the new holder runs what is missing");
    }

    /// <summary>Releases this use; the lease itself goes when the last use does.</summary>
    public ValueTask DisposeAsync() => new(owner.ReleaseAsync(this));

    internal void MarkLost() => lost = true;
}
