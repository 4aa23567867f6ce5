using AiLab.Core.Machine;

namespace AiLab.Lab.Tests.Machine;

/// <summary>A meter with fixed per-core loop times; counts its measurements.</summary>
internal sealed class FakeCoreSpeedMeter(params double[] msPerCore) : ICoreSpeedMeter
{
    public MachineIdentity Machine { get; set; } = new("host", "Test CPU", msPerCore.Length, "boot-1");

    public int Measurements { get; private set; }

    public MachineIdentity Identify() => Machine;

    public IReadOnlyDictionary<int, IReadOnlyList<CoreRun>> Measure(int rounds, CancellationToken cancellationToken)
    {
        Measurements++;
        return msPerCore.Select((ms, cpu) => (cpu, (IReadOnlyList<CoreRun>)Enumerable.Range(0, rounds)
                .Select(r => new CoreRun(ms * (1 + (0.001 * (r % 3))), 2 * ms)).ToList()))
            .ToDictionary(p => p.cpu, p => p.Item2);
    }
}
