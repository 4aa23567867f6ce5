using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>A deterministic executor: TTFB is the variant's <c>FAKE_TTFB_MS</c> times noise seeded by the trial's
/// sequence (read from its log file name), so a rerun produces the same numbers. It records every call and how many
/// trials the store held at that moment.</summary>
internal sealed class FakeTrialExecutor(IExperimentStore store, string experimentId) : ITrialExecutor
{
    public const string TtfbVariable = "FAKE_TTFB_MS";
    public const string FailVariable = "FAKE_FAIL";

    /// <summary>Sequences run, in call order.</summary>
    public List<int> Calls { get; } = [];

    /// <summary>Every request, in call order.</summary>
    public List<TrialRequest> Requests { get; } = [];

    /// <summary>Trials stored when each call started.</summary>
    public List<int> StoredAtCall { get; } = [];

    /// <summary>When set, the call for this sequence cancels <see cref="Cancel"/> (a Ctrl-C mid-trial) and reports Interrupted.</summary>
    public int? InterruptAt { get; init; }

    public CancellationTokenSource? Cancel { get; init; }

    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(request.LogPath);
        var sequence = int.Parse(name[..name.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Calls.Add(sequence);
        Requests.Add(request);
        StoredAtCall.Add(store.GetTrials(experimentId).Count);

        if (sequence == InterruptAt)
        {
            Cancel!.Cancel();
            return Task.FromResult(new TrialResult
            {
                Status = TrialStatus.Failed, Failure = FailureKind.Interrupted, Reason = "interrupted", StartedAt = Trials.Start,
            });
        }

        if (request.Environment.TryGetValue(FailVariable, out var fail) && fail == "1")
            return Task.FromResult(Trials.Failed($"exited with code 1 (trial {sequence})"));

        var ttfb = double.Parse(request.Environment[TtfbVariable]!, CultureInfo.InvariantCulture);
        var noise = Math.Exp(0.02 * Samples.StandardNormal(new Random(sequence)));
        var imports = 0.7 * ttfb * noise;
        var rest = ttfb * noise - imports;
        return Task.FromResult(Trials.Succeeded([("imports", imports), ("first_batch", rest)], cpuMs: 400 * noise) with
        {
            LogPath = request.LogPath,
            EventsPath = request.EventsPath,
        });
    }
}
