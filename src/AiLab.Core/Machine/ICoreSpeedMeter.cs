namespace AiLab.Core.Machine;

/// <summary>Measures how fast each CPU runs a fixed CPU-bound loop; the real one pins a thread to each CPU in turn,
/// tests inject their own.</summary>
public interface ICoreSpeedMeter
{
    /// <summary>The machine this meter measures.</summary>
    MachineIdentity Identify();

    /// <summary>The runs of the loop: <paramref name="rounds"/> per CPU, the CPUs interleaved in every round so that
    /// a slow moment of the machine falls on all of them alike. Keyed by CPU number.</summary>
    IReadOnlyDictionary<int, IReadOnlyList<CoreRun>> Measure(int rounds, CancellationToken cancellationToken);
}
