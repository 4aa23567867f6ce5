using AiLab.Core.Experiments.Leases;
using AiLab.Lab.Experiments.Leases;

namespace AiLab.Lab.Tests.Experiments.Leases;

/// <summary>A process table in memory: holders are alive until <see cref="Kill"/>.</summary>
internal sealed class FakeHolderProbe(int pid, HashSet<int> alive) : IHolderProbe
{
    public LeaseHolder Self { get; } = new(pid, "host-1", "boot-1", 1000 + pid);

    public bool IsAlive(LeaseHolder holder)
    {
        lock (alive)
            return alive.Contains(holder.Pid);
    }

    public void Kill()
    {
        lock (alive)
            alive.Remove(Self.Pid);
    }
}
