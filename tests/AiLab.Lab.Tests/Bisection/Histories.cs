using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>Simulated launcher histories and a one-call bisection over them.</summary>
internal static class Histories
{
    /// <summary>A launcher's phases at the good commit: model_build holds a planted 120 ms sleep a later commit may remove.</summary>
    public static readonly (string Name, double Ms)[] Launcher =
    [
        ("imports", 40), ("config_validation", 20), ("preprocessing", 30), ("model_build", 150), ("first_batch", 10),
    ];

    /// <summary>The lab's default verdict rules with a quarter of the bootstrap resamples, so hundreds of simulated
    /// experiments stay fast; the decisions are the same rules.</summary>
    public static readonly VerdictPolicy Policy = VerdictPolicy.Default with { BootstrapIterations = 500 };

    public static SimulatedHistory Linear(int commits, params (int Position, string Phase, double Ms)[] effects) =>
        SimulatedHistory.Linear(Launcher, commits, effects);

    public static async Task<(BisectResult Result, SimulatedRevisionComparer Comparer)> BisectAsync(
        SimulatedHistory history, int seed = 1, SimulationNoise? noise = null, int trials = 8, int maxTrials = 32, int jobs = 1,
        string metric = MetricCatalog.Ttfb, List<BisectProgress>? events = null, CancellationToken cancellationToken = default)
    {
        var comparer = new SimulatedRevisionComparer(history, noise ?? SimulationNoise.Default, Policy, seed);
        var request = new BisectRequest { Good = history.Good, Commits = history.Range, Trials = trials, MaxTrials = maxTrials, Jobs = jobs, Metric = metric };
        var progress = events is null ? null : new ListProgress(events);
        var result = await new Bisector(comparer, history).RunAsync(request, progress, cancellationToken);
        return (result, comparer);
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to the thread pool and lose ordering).</summary>
    private sealed class ListProgress(List<BisectProgress> events) : IProgress<BisectProgress>
    {
        public void Report(BisectProgress value)
        {
            lock (events) events.Add(value);
        }
    }
}
