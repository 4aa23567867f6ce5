using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;
using AiLab.Lab.Confirmation;

namespace AiLab.Lab.Tests.Confirmation;

public sealed class ConfirmingRevisionComparerTests
{
    [Fact]
    public async Task CompareAsync_RegressionReproduced_KeepsItAndCountsBothRunsTrials()
    {
        var confirmer = new Scripted(Comparison(Verdict.Regression, 9, 7, 11, "ab-2"));
        var comparer = new ConfirmingRevisionComparer(new Scripted(Comparison(Verdict.Regression, 8, 6, 10, "ab-1")), confirmer);

        var result = await comparer.CompareAsync("good", "bad", 6, CancellationToken.None);

        Assert.Equal(Verdict.Regression, result.Verdict!.Overall);
        Assert.Equal(Verdict.Regression, result.Metric("ttfb")!.Verdict);
        Assert.Equal("ab-2", result.Verdict.Confirmation!.ExperimentId);
        Assert.Equal(24, result.TrialsRun);
        Assert.Equal(1, confirmer.Calls);
    }

    [Fact]
    public async Task CompareAsync_RegressionNotReproduced_IsInconclusiveForTheMetricTheSearchReads()
    {
        var comparer = new ConfirmingRevisionComparer(
            new Scripted(Comparison(Verdict.Regression, 8, 6, 10, "ab-1")), new Scripted(Comparison(Verdict.NoChange, 0.2, -1, 1.5, "ab-2")));

        var result = await comparer.CompareAsync("good", "bad", 6, CancellationToken.None);

        Assert.Equal(Verdict.Inconclusive, result.Verdict!.Overall);
        Assert.Equal(Verdict.Inconclusive, result.Metric("ttfb")!.Verdict);
        Assert.Contains("did not reproduce", result.Metric("ttfb")!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_NoChange_RunsNoConfirmation()
    {
        var confirmer = new Scripted(Comparison(Verdict.Regression, 9, 7, 11, "ab-2"));
        var comparer = new ConfirmingRevisionComparer(new Scripted(Comparison(Verdict.NoChange, 0.1, -1, 1, "ab-1")), confirmer);

        var result = await comparer.CompareAsync("good", "bad", 6, CancellationToken.None);

        Assert.Equal(Verdict.NoChange, result.Verdict!.Overall);
        Assert.Equal(0, confirmer.Calls);
    }

    private static RevisionComparison Comparison(Verdict verdict, double change, double low, double high, string id)
    {
        var s = new SampleSummary(6, 1000, 1000, 10, 990, 1010);
        return new RevisionComparison
        {
            BaseCommit = "good", CandidateCommit = "bad", TrialsPerVariant = 6, ExperimentId = id, TrialsRun = 12,
            Verdict = new ExperimentVerdict
            {
                Overall = verdict, PrimaryMetric = "ttfb",
                Metrics = [new MetricComparison { Name = "ttfb", Unit = MetricUnit.Milliseconds,
                A = s, B = s, ChangePct = change, CiPct = [low, high], Diff = change * 10, CiDiff = [low * 10, high * 10], Verdict = verdict, Reason = "scripted" }],
            },
        };
    }

    private sealed class Scripted(RevisionComparison result) : IRevisionComparer
    {
        public int Calls { get; private set; }

        public Task<RevisionComparison> CompareAsync(string baseCommit, string candidateCommit, int trialsPerVariant, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(result);
        }
    }
}
