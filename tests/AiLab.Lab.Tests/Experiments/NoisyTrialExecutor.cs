using System.Globalization;
using AiLab.Core.Trials;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>A deterministic executor with a chosen noise: TTFB is the variant's <c>FAKE_TTFB_MS</c> times exp(<paramref
/// name="logSd"/>·Z), Z drawn from a generator seeded by <paramref name="seed"/> and the trial's sequence.</summary>
internal sealed class NoisyTrialExecutor(double logSd, int seed) : ITrialExecutor
{
    public List<int> Calls { get; } = [];

    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(request.LogPath);
        var sequence = int.Parse(name[..name.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Calls.Add(sequence);
        var ttfb = double.Parse(request.Environment[FakeTrialExecutor.TtfbVariable]!, CultureInfo.InvariantCulture);
        var value = ttfb * Math.Exp(logSd * Samples.StandardNormal(new Random((seed * 10007) + sequence)));
        return Task.FromResult(Trials.Succeeded([("imports", value * 0.9), ("first_batch", value * 0.1)]) with
        {
            LogPath = request.LogPath,
            EventsPath = request.EventsPath,
        });
    }
}
