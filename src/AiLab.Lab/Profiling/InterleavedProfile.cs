using AiLab.Lab.Experiments;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Profiling;

/// <summary>An experiment's sampled profiled trials spread evenly over its measured ones: after the measured trial
/// k of n, the profiled trials run until k/n of them have run. Profiled and measured trials then see the same
/// machine, so a finding's share of TTFB can be held against the phase change the verdict measured (on a busy machine
/// two batches minutes apart drift by several points). The call-count trials, and any sampled trial a sequential
/// stop left, run after the experiment (<see cref="ProfileSession.CompleteAsync"/>).</summary>
public sealed class InterleavedProfile(ProfiledTrials trials) : IInterleavedTrials
{
    /// <summary>The profiled trials.</summary>
    public ProfiledTrials Trials => trials;

    /// <summary>Why the profiled trials stopped (a variant could not be prepared, an interruption); null while they
    /// run.</summary>
    public string? Error { get; private set; }

    /// <inheritdoc/>
    public async Task AfterMeasuredTrialAsync(int measuredDone, int measuredTotal, CancellationToken cancellationToken)
    {
        if (Error is not null || measuredTotal <= 0) return;
        var due = (int)Math.Min(trials.SampledTotal, (long)measuredDone * trials.SampledTotal / measuredTotal);
        try
        {
            while (trials.SampledRun < due && !cancellationToken.IsCancellationRequested)
                await trials.RunNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never the experiment's failure: the measured trials go on, and the profile reports why it has none.
            Error = e.Message;
        }
    }
}
