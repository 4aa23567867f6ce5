using AiLab.Core.Trials;

namespace AiLab.Lab.Tests.Experiments.Scheduling;

/// <summary>Hands every call to <see cref="Target"/>, set after construction.</summary>
internal sealed class ForwardingExecutor : ITrialExecutor, ITrialCapacity
{
    public WaveTrialExecutor? Target { get; set; }

    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken) =>
        Target!.RunAsync(request, cancellationToken);

    public Task<int?> FreeSlotsAsync(TrialRequest request, CancellationToken cancellationToken) =>
        Target!.FreeSlotsAsync(request, cancellationToken);
}
