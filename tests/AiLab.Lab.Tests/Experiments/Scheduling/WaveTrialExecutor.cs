using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Experiments;

namespace AiLab.Lab.Tests.Experiments.Scheduling;

/// <summary>A fake executor that really keeps a wave's trials in flight together: each trial's result (from <see
/// cref="FakeTrialExecutor"/>) is held until every trial of the runner's current wave has started, then all are
/// released last-started first, so trials end out of schedule order. Deterministic: no clock, no delay. It reports
/// <see cref="Capacity"/> as a scheduler would.</summary>
internal sealed class WaveTrialExecutor : ITrialExecutor, ITrialCapacity
{
    private readonly FakeTrialExecutor _inner;
    private readonly List<(TaskCompletionSource<TrialResult> Done, TrialResult Result)> _held = [];
    private int _expected;

    public WaveTrialExecutor(IExperimentStore store, string experimentId, ExperimentRunner runner)
    {
        _inner = new FakeTrialExecutor(store, experimentId);
        runner.WaveStarting += (_, wave) =>
        {
            _expected = wave.Count;
            Waves.Add([.. wave.Select(s => s.Variant)]);
        };
    }

    public FakeTrialExecutor Inner => _inner;

    /// <summary>What <see cref="FreeSlotsAsync"/> answers; null: no scheduler (a local trial).</summary>
    public int? Capacity { get; set; }

    /// <summary>When set, the trial of this sequence comes back interrupted and Ctrl-C is pressed.</summary>
    public int? InterruptAt { get; init; }

    public CancellationTokenSource? Cancel { get; init; }

    /// <summary>The most trials in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Each wave's variants, in schedule order.</summary>
    public List<List<string>> Waves { get; } = [];

    /// <summary>Sequences in the order their trials ended.</summary>
    public List<int> Ended { get; } = [];

    public Task<int?> FreeSlotsAsync(TrialRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Capacity);

    /// <summary>Each trial's sequence and the start group its request carried.</summary>
    public List<(int Sequence, StartGroup? Group)> StartGroups { get; } = [];

    public async Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        var result = await _inner.RunAsync(request, cancellationToken);
        var sequence = _inner.Calls[^1];
        StartGroups.Add((sequence, request.StartTogether));
        if (sequence == InterruptAt)
        {
            result = new TrialResult
            {
                Status = TrialStatus.Failed, Failure = FailureKind.Interrupted, Reason = "interrupted",
                StartedAt = result.StartedAt,
            };
        }

        var done = new TaskCompletionSource<TrialResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _held.Add((done, result));
        MaxInFlight = Math.Max(MaxInFlight, _held.Count);
        if (_held.Count == _expected)
        {
            if (InterruptAt is { } at && _inner.Calls.Contains(at)) Cancel?.Cancel();
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                Ended.Add(_inner.Calls[_inner.Calls.Count - _held.Count + i]);
                _held[i].Done.SetResult(_held[i].Result);
            }

            _held.Clear();
        }

        return await done.Task;
    }
}
