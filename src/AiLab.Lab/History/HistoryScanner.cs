using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Stats.ChangePoints;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.History;

/// <summary>The continuous, post-merge view: measures a workflow on every commit of a range (each a stored run
/// experiment), finds change points in the series of medians with the lab's detector
/// (<see cref="ChangePointDetector"/>),
/// confirms each with the stored trials (<see cref="ChangeConfirmation"/>: a permutation test of whole commits with
/// at least <see cref="MinSegmentFor"/> commits a side, Holm over the history's changes, family error rate
/// <see cref="FamilyErrorRate"/>), and turns each confirmed change into a range for <c>ailab bisect</c>.
/// </summary>
public sealed class HistoryScanner(ExperimentRunner runner, IExperimentStore store, TimeProvider time)
{
    /// <summary>Commits on each side of a change point that the suspicious range widens by: E-Divisive's index can be
    /// off by a point or two on noisy medians, and bisection is cheap on a short range.</summary>
    public const int Margin = 2;

    /// <summary>The detector's settings in a history: <see cref="ChangePointDetector.Defaults"/> without the
    /// Bonferroni factor over split positions, which the confirmation replaces.</summary>
    public static EDivisiveOptions Detection { get; } = ChangePointDetector.Defaults with { SplitCountCorrection = false };

    /// <summary>The chance that a history without any change shows one: the confirmation's family error rate.</summary>
    public const double FamilyErrorRate = 0.05;

    /// <summary>Trials a level must rest on at each side of a confirmed change
    /// (see <see cref="MinSegmentFor"/>).</summary>
    public const int MinTrialsPerSide = 15;

    /// <summary>
    /// The fewest commits a side of a confirmed change, at the given trials per commit: enough commits for
    /// <see cref="MinTrialsPerSide"/> trials, and never fewer than 4, the fewest a side with which a permutation of
    /// whole commits can reach p &lt; 0.05 (1 / C(8, 4) = 1/70); 5 at 3 trials, 4 at 5.
    /// </summary>
    public static int MinSegmentFor(int trialsPerCommit) =>
        Math.Max(4, (MinTrialsPerSide + Math.Max(1, trialsPerCommit) - 1) / Math.Max(1, trialsPerCommit));

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
                    Kind = ExperimentKind.Run, Tier = Core.Capacity.CapacityTier.Release, Workflow = request.Workflow, RepositoryPath = request.RepositoryPath,
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
                : new HistoryPoint(commit, Descriptive.Median(ttfb), ttfb.Count, experiment.Id, null, ttfb));
        }

        return new HistoryResult(points, Detect(points), Interrupted: false);
    }

    /// <summary>The confirmed change points of the measured points (commits that could not be measured are left
    /// out), each a range for bisection.</summary>
    public static IReadOnlyList<SuspiciousRange> Detect(IReadOnlyList<HistoryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var measured = points.Where(p => p.Failure is null).ToList();
        if (measured.Count == 0)
            return [];
        var trials = (int)Descriptive.Median(measured.Select(p => (double)Math.Max(1, p.Trials)).ToList());
        var medians = measured.Select(p => p.MedianTtfbMs).ToList();
        // The detector places the changes at its own minimum segment: a longer one there makes a level that noise
        // shortened by a commit vanish, and its neighbours with it. Without its Bonferroni factor over split positions:
        // the confirmation pays for the choice of the split with the trials (a maximum over the splits), and paying
        // twice lost every change of a noisy real history (+30% steps under 5–10% commit-to-commit noise). The
        // trials decide in the confirmation, which may split the neighbouring segments anywhere that leaves enough
        // commits a side.
        var detected = EDivisive.Detect(medians, Detection).Select(c => c.Index).ToList();
        var samples = measured
            .Select(p => p.TtfbMs is { Count: > 0 } t ? t : (IReadOnlyList<double>)[p.MedianTtfbMs]).ToList();
        var confirmed = ChangeConfirmation.Confirm(samples, detected, MinSegmentFor(trials), FamilyErrorRate)
            .Where(c => c.Confirmed).ToList();
        return confirmed.Select((c, k) =>
        {
            // Levels against the confirmed neighbours, as the user will see the history.
            var start = k == 0 ? 0 : confirmed[k - 1].Index;
            var stop = k == confirmed.Count - 1 ? measured.Count : confirmed[k + 1].Index;
            var before = medians.Skip(start).Take(c.Index - start).Average();
            var after = medians.Skip(c.Index).Take(stop - c.Index).Average();
            return new SuspiciousRange(
                measured[c.Index].Commit,
                measured[Math.Max(0, c.Index - 1 - Margin)].Commit,
                measured[Math.Min(measured.Count - 1, c.Index + Margin)].Commit,
                before, after, c.AdjustedPValue);
        }).ToList();
    }
}
