using AiLab.Core.Experiments.Leases;

namespace AiLab.Lab.Experiments.Leases;

/// <summary>Who this process is, and whether the holder of a lease still runs.</summary>
public interface IHolderProbe
{
    /// <summary>This process, as a lease names it.</summary>
    LeaseHolder Self { get; }

    /// <summary>True while <paramref name="holder"/> runs; true as well when this machine cannot tell (another host),
    /// where only the lease's expiry decides.</summary>
    bool IsAlive(LeaseHolder holder);
}
