using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Stats.ChangePoints;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.History;

/// <summary>The continuous, post-merge view: measures a workflow on every commit of a range (each a stored run
/// experiment), then finds change points in the series of medians with PELT (normal mean and variance cost, 3 ln n
/// penalty), so that a slow drift of several steps shows too, and turns each into a range for <c>ailab bisect</c>.
/// Not E-Divisive: on short per-commit histories of several level steps (25 commits, 4 levels) both its defaults
/// and Otava's settings found none of them — each step inflates the variance of the segments the t-test compares.</summary>
public sealed class HistoryScanner(ExperimentRunner runner, IExperimentStore store, TimeProvider time)
{
    /// <summary>Commits on each side of a change point that the suspicious range widens by: E-Divisive's index can be
    /// off by a point or two on noisy medians, and bisection is cheap on a short range.</summary>
    public const int Margin = 2;

    /// <summary>Called before each commit is measured (index from 1, count, commit).</summary>
    public event Action<int, int, string>? CommitStarted;

    /// <summary>Measures every commit and detects the changes.</summary>
    public async Task<HistoryResult> RunAsync(HistoryRequest request, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var points = new List<HistoryPoint>();
        for (var i = 0; i < request.Commits.Count; i++)
        {
            var commit = request.Commits[i];
            CommitStarted?.Invoke(i + 1, request.Commits.Count, commit);
            var experiment = ExperimentPlanner.Create(
                new ExperimentPlan
                {
                    Kind = ExperimentKind.Run, Workflow = request.Workflow, RepositoryPath = request.RepositoryPath,
                    WorkingDirectory = request.RepositoryPath, Variants = [new Variant("A", commit, new Dictionary<string, string>())],
                    Trials = request.Trials, Warmup = request.Warmup, Seed = request.Seed,
                },
                time);
            await store.CreateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
            var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, progress, cancellationToken).ConfigureAwait(false);
            if (outcome.Experiment.Status == ExperimentStatus.Interrupted)
                return new HistoryResult(points, [], Interrupted: true);
            var ttfb = outcome.Trials.Where(t => !t.IsWarmup && t.Result.Succeeded && t.Result.TtfbMs is > 0).Select(t => t.Result.TtfbMs!.Value).ToList();
            points.Add(ttfb.Count == 0
                ? new HistoryPoint(commit, double.NaN, 0, experiment.Id, outcome.Experiment.StatusReason ?? "no successful trial")
                : new HistoryPoint(commit, Descriptive.Median(ttfb), ttfb.Count, experiment.Id, null));
        }

        return new HistoryResult(points, Detect(points), Interrupted: false);
    }

    /// <summary>The change points of the measured points (commits that could not be measured are left out).</summary>
    public static IReadOnlyList<SuspiciousRange> Detect(IReadOnlyList<HistoryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var measured = points.Where(p => p.Failure is null).ToList();
        var changes = Pelt.Detect(measured.Select(p => p.MedianTtfbMs).ToList());
        return changes.Select(c => new SuspiciousRange(
            measured[c.Index].Commit,
            measured[Math.Max(0, c.Index - 1 - Margin)].Commit,
            measured[Math.Min(measured.Count - 1, c.Index + Margin)].Commit,
            c.MeanBefore, c.MeanAfter, c.PValue)).ToList();
    }
}
