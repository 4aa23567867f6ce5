using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;

namespace AiLab.Lab.Experiments.Leases;

/// <summary>One process at a time per experiment: a lease in the store names the holder (pid, host, boot, start
/// time) and is renewed by a heartbeat. Another process takes it over only when the holder is gone (dead on this
/// host) or the lease expired (a holder on another host that stopped renewing).</summary>
public sealed class ExperimentLeases(ILeaseStore store, IHolderProbe probe, TimeProvider time)
{
    /// <summary>How long a lease lasts without a heartbeat.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, HeldLease> held = new(StringComparer.Ordinal);
    // A semaphore, not a lock: the store is awaited while it is held.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>How long a lease lasts without a heartbeat; the heartbeat comes six times as often.</summary>
    public TimeSpan TimeToLive { get; init; } = DefaultTimeToLive;

    /// <summary>Takes the experiment's lease, or joins this process's hold on it.</summary>
    /// <exception cref="ExperimentBusyException">A live process holds it; nothing was written.</exception>
    public async Task<HeldLease> AcquireAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (held.TryGetValue(experimentId, out var mine))
            {
                mine.Users++;
                return mine;
            }

            var now = time.GetUtcNow();
            var token = Guid.NewGuid().ToString("N");
            var wanted = new ExperimentLease(experimentId, token, probe.Self, now, now, now + TimeToLive);
            var blocking = await store.TryAcquireAsync(wanted, current => IsGone(current, now), cancellationToken)
                .ConfigureAwait(false);
            if (blocking is not null)
                throw new ExperimentBusyException(blocking, BusyMessage(blocking, now));

            var lease = new HeldLease(this, wanted);
            var beat = TimeToLive / 6;
            lease.Heartbeat = time.CreateTimer(_ => _ = RenewAsync(lease), null, beat, beat);
            held[experimentId] = lease;
            return lease;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when <paramref name="lease"/>'s holder is gone: dead on this host, or silent past the
    /// expiry.</summary>
    public bool IsGone(ExperimentLease lease, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return now >= lease.ExpiresAt || !probe.IsAlive(lease.Holder);
    }

    /// <summary>The experiment as a reader should see it: one stored as running whose process is gone (killed,
    /// crashed, rebooted) is interrupted, and <c>--resume</c> continues it.</summary>
    public Experiment Effective(Experiment experiment, ExperimentLease? lease)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Status != ExperimentStatus.Running) return experiment;
        var now = time.GetUtcNow();
        if (lease is not null && !IsGone(lease, now)) return experiment;
        var who = lease is null ? "the process that ran it" : $"the process that ran it ({lease.Holder})";
        var verb = experiment.Kind == ExperimentKind.AB ? "ab" : "run";
        return experiment with
        {
            Status = ExperimentStatus.Interrupted,
            StatusReason = $"{who} ended without finishing; resume with: ailab {verb} --resume {experiment.Id}",
        };
    }

    /// <summary>The stored lease of the experiment, if any.</summary>
    public Task<ExperimentLease?> CurrentAsync(string experimentId, CancellationToken cancellationToken = default) =>
        store.GetLeaseAsync(experimentId, cancellationToken);

    internal async Task ReleaseAsync(HeldLease lease)
    {
        // Not cancellable: a hold that ends must leave no lease behind.
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (--lease.Users > 0) return;
            held.Remove(lease.Lease.ExperimentId);
            if (lease.Heartbeat is { } heartbeat) await heartbeat.DisposeAsync().ConfigureAwait(false);
            // Inside the gate: a new hold in this process must not find the old lease still stored and refuse.
            if (!lease.Lost)
                await store.ReleaseAsync(lease.Lease.ExperimentId, lease.Lease.Token).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RenewAsync(HeldLease lease)
    {
        try
        {
            var now = time.GetUtcNow();
            if (!await store.RenewAsync(lease.Lease.ExperimentId, lease.Lease.Token, now, now + TimeToLive)
                    .ConfigureAwait(false))
                lease.MarkLost();
        }
        // A heartbeat must not throw: a busy or briefly unreadable database is retried at the next beat.
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string BusyMessage(ExperimentLease lease, DateTimeOffset now)
    {
        var since = (now - lease.HeartbeatAt).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"experiment {lease.ExperimentId} is being run by {lease.Holder} "
            + $"(since {lease.AcquiredAt.ToLocalTime():HH:mm:ss}, "
            + $"last heartbeat {Math.Max(0, since):0} s ago); nothing was run. Wait for it to finish, or stop it "
            + $"(kill {lease.Holder.Pid}) and resume; a holder that dies is taken over at once");
    }
}
