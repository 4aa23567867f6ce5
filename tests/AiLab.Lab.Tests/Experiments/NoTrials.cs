using AiLab.Core.Trials;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>An executor for tests that must never reach a trial.</summary>
internal sealed class NoTrials : ITrialExecutor
{
    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("no trial should run");
}
