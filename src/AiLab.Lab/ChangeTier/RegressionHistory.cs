using AiLab.Core.Footprints;

namespace AiLab.Lab.ChangeTier;

/// <summary>How likely a change to some paths is to regress a workflow, learned from past change-tier verdicts.
/// Beta–Bernoulli per (path prefix, workflow): each prefix of a changed path (the file, each directory above it,
/// and the root) keeps a Beta(a, b) prior on "a change here regresses this workflow", updated by every recorded
/// outcome whose touching paths fall under it (conjugate update: a + regressions, b + clean runs; Gelman et al.,
/// Bayesian Data Analysis, 3rd ed., §2.4). A file's probability is the posterior mean at its most specific prefix
/// that has any observation (the prior alone when none has), and a change's is 1 − Π(1 − p) over its touching
/// files, treating files as independent sources of regressions.</summary>
public sealed class RegressionHistory
{
    /// <summary>Prior pseudo-count of regressions.</summary>
    public const double PriorRegressions = 1;

    /// <summary>Prior pseudo-count of clean runs: with one regression, a prior mean of 10%.</summary>
    public const double PriorClean = 9;

    private readonly Dictionary<(string Prefix, string Workflow), (int Regressed, int Total)> counts = [];

    /// <summary>Learns from <paramref name="outcomes"/>.</summary>
    public RegressionHistory(IEnumerable<ChangeOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes) Add(outcome);
    }

    /// <summary>Adds one outcome (each prefix counts once per outcome).</summary>
    public void Add(ChangeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var prefix in outcome.Paths.SelectMany(Prefixes).Distinct(StringComparer.Ordinal))
        {
            counts.TryGetValue((prefix, outcome.Workflow), out var c);
            counts[(prefix, outcome.Workflow)] = (c.Regressed + (outcome.Regressed ? 1 : 0), c.Total + 1);
        }
    }

    /// <summary>P(a change touching <paramref name="paths"/> regresses <paramref name="workflow"/>).</summary>
    public double Probability(string workflow, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var clean = 1.0;
        foreach (var path in paths) clean *= 1 - FileProbability(workflow, path);
        return 1 - clean;
    }

    /// <summary>The posterior mean for one file.</summary>
    public double FileProbability(string workflow, string path)
    {
        foreach (var prefix in Prefixes(path))
        {
            if (counts.TryGetValue((prefix, workflow), out var c) && c.Total > 0)
                return (PriorRegressions + c.Regressed) / (PriorRegressions + PriorClean + c.Total);
        }

        return PriorRegressions / (PriorRegressions + PriorClean);
    }

    /// <summary><c>a/b/c.py</c> → <c>a/b/c.py</c>, <c>a/b/</c>, <c>a/</c>, <c></c>: most specific first.</summary>
    public static IEnumerable<string> Prefixes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        yield return path;
        for (var i = path.LastIndexOf('/'); i > 0; i = path.LastIndexOf('/', i - 1))
            yield return path[..(i + 1)];
        yield return "";
    }
}
