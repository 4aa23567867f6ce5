using AiLab.Core.Trials;
using AiLab.Execution.Processes;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Routing;

/// <summary>The executor seam's switch: a trial whose request carries Slurm settings (the workflow's
/// <c>executor: slurm</c>, or <c>--executor slurm</c>) goes to the Slurm executor, every other one runs as a local
/// process. A Kubernetes Jobs executor would be one more branch here (docs/slurm.md).</summary>
public sealed class RoutingExecutor : ITrialExecutor, ITrialCapacity
{
    private readonly ITrialExecutor _local;
    private readonly Lazy<ITrialExecutor> _slurm;

    /// <summary>Routes between <paramref name="local"/> and a Slurm executor made on first use.</summary>
    public RoutingExecutor(ITrialExecutor local, Func<ITrialExecutor>? slurm = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        _local = local;
        _slurm = new Lazy<ITrialExecutor>(slurm ?? (() => new SlurmExecutor()));
    }

    /// <summary>The local executor and Slurm's commands on PATH: what the CLI uses.</summary>
    public static RoutingExecutor Default() => new(new LocalExecutor());

    /// <inheritdoc />
    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Route(request).RunAsync(request, cancellationToken);
    }

    /// <summary>The capacity of the executor the request goes to, when it has a scheduler to ask; null for a local
    /// trial.</summary>
    public Task<int?> FreeSlotsAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Route(request) is ITrialCapacity capacity
            ? capacity.FreeSlotsAsync(request, cancellationToken)
            : Task.FromResult<int?>(null);
    }

    private ITrialExecutor Route(TrialRequest request) => request.Slurm is null ? _local : _slurm.Value;
}
