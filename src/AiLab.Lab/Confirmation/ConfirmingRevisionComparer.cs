using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;

namespace AiLab.Lab.Confirmation;

/// <summary>A revision comparer that confirms: when the first comparison finds a regression or improvement, a second
/// one (fresh worktrees, another trial order) must reproduce it, or the comparison's verdict — overall and for the
/// primary metric — becomes <c>inconclusive</c>. Used for the release tier's comparison of two releases.</summary>
public sealed class ConfirmingRevisionComparer(IRevisionComparer first, IRevisionComparer confirmer) : IRevisionComparer
{
    /// <inheritdoc />
    public async Task<RevisionComparison> CompareAsync(string baseCommit, string candidateCommit, int trialsPerVariant, CancellationToken cancellationToken)
    {
        var original = await first.CompareAsync(baseCommit, candidateCommit, trialsPerVariant, cancellationToken).ConfigureAwait(false);
        if (!original.Succeeded || !ConfirmationJudge.Needs(original.Verdict!)) return original;

        var again = await confirmer.CompareAsync(baseCommit, candidateCommit, trialsPerVariant, cancellationToken).ConfigureAwait(false);
        if (again.Failure == ComparisonFailure.Interrupted) return again with { TrialsRun = original.TrialsRun + again.TrialsRun };
        var settled = ConfirmationJudge.Judge(
            original.Verdict!, again.ExperimentId ?? "(not stored)", again.Succeeded ? again.Verdict : null, again.Succeeded ? null : again.Reason);
        if (!settled.Confirmation!.Confirmed)
        {
            // The search reads the primary metric's own verdict: it must not see a change the confirmation refuted.
            settled = settled with
            {
                Metrics = settled.Metrics.Select(m => m.Name == settled.PrimaryMetric
                    ? m with { Verdict = Verdict.Inconclusive, Reason = settled.Confirmation.Reason }
                    : m).ToList(),
            };
        }

        return original with { Verdict = settled, TrialsRun = original.TrialsRun + again.TrialsRun };
    }
}
