namespace AiLab.Core.Experiments.Leases;

/// <summary>Another live process holds the experiment's lease; nothing was run or written.</summary>
public sealed class ExperimentBusyException(ExperimentLease lease, string message) : Exception(message)
{
    /// <summary>The lease that is in the way.</summary>
    public ExperimentLease Lease { get; } = lease;
}
