using AiLab.Stats.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>The permutation confirmation of detected changes: what it confirms, and its family error rate measured on
/// histories without any change.</summary>
public sealed class ChangeConfirmationTests
{
    [Fact]
    public void Confirm_ClearStepWithItsTrials_ConfirmsIt()
    {
        var random = new Random(3);
        var points = History(random, 20, 3, i => i < 10 ? 280 : 380, sigma: 0.02);

        var change = Assert.Single(ChangeConfirmation.Confirm(points, [10], minSegment: 5));

        Assert.True(change.Confirmed, $"p = {change.PValue}");
        Assert.True(change.PValue <= 0.002, $"p = {change.PValue}");
    }

    [Fact]
    public void Confirm_ThreeSlowCommitsAtTheStart_IsNotConfirmed()
    {
        // A burst of load on the first three commits is not a level the code set: with 5 commits a side at least it
        // cannot stand as a change, however clear it looks.
        var random = new Random(4);
        var points = History(random, 24, 3, i => i < 3 ? 300 : i < 12 ? 280 : 380, sigma: 0.01);

        var result = ChangeConfirmation.Confirm(points, [3, 12], minSegment: 5);

        Assert.False(result[0].Confirmed, $"p = {result[0].PValue}");
        Assert.True(result[1].Confirmed, $"p = {result[1].PValue}");
    }

    [Fact]
    public void Confirm_ConstantHistory_ConfirmsNothing()
    {
        var points = Enumerable.Range(0, 12).Select(_ => (IReadOnlyList<double>)[100.0, 100.0]).ToList();

        Assert.False(Assert.Single(ChangeConfirmation.Confirm(points, [6], minSegment: 3)).Confirmed);
    }

    [Fact]
    public void Confirm_SameSeed_GivesTheSameAnswer()
    {
        var points = History(new Random(5), 16, 3, i => i < 8 ? 100 : 103, sigma: 0.03);

        Assert.Equal(ChangeConfirmation.Confirm(points, [8]), ChangeConfirmation.Confirm(points, [8]));
    }

    [Fact]
    public void Confirm_BadInput_Throws()
    {
        var points = Enumerable.Range(0, 8).Select(i => (IReadOnlyList<double>)[i]).ToList();

        Assert.Throws<ArgumentException>(() => ChangeConfirmation.Confirm(points, [0]));
        Assert.Throws<ArgumentException>(() => ChangeConfirmation.Confirm(points, [5, 3]));
        Assert.Throws<ArgumentException>(() => ChangeConfirmation.Confirm([[1.0], []], [1]));
        Assert.Throws<ArgumentException>(() => ChangeConfirmation.Confirm([[1.0], [double.NaN]], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeConfirmation.Confirm(points, [4], familyErrorRate: 0));
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void Confirm_HistoriesWithoutChange_ConfirmAnyChangeAtMostAtTheFamilyRate()
    {
        // 300 A/A histories of 24 commits × 3 trials, each commit with its own load (a random effect shared by its
        // trials), and every candidate a loose detector offers (PELT with a penalty of 2, so that most histories have
        // some): the share of histories where any candidate is confirmed is the family error rate, 5% by construction.
        var (histories, withCandidates, alarmed) = (300, 0, 0);
        var loose = new PeltOptions { Penalty = 2, MinSegmentLength = 5 };
        for (var seed = 0; seed < histories; seed++)
        {
            var random = new Random(seed);
            var points = History(random, 24, 3, _ => 280, sigma: 0.02, commitSigma: 0.02);
            var medians = points.Select(p => p.Order().ElementAt(1)).ToArray();
            var candidates = Pelt.Detect(medians, loose).Select(c => c.Index).ToList();
            withCandidates += candidates.Count > 0 ? 1 : 0;
            alarmed += ChangeConfirmation.Confirm(points, candidates, minSegment: 5, seed: seed).Any(c => c.Confirmed) ? 1 : 0;
        }

        Assert.True(withCandidates > histories / 2, $"the loose detector offered candidates in only {withCandidates}");
        // 5% of 300 is 15; the binomial 99% bound is 26.
        Assert.InRange(alarmed, 0, 26);
    }

    private static List<IReadOnlyList<double>> History(
        Random random, int commits, int trials, Func<int, double> level, double sigma, double commitSigma = 0) =>
        Enumerable.Range(0, commits).Select(i =>
        {
            var load = Math.Exp(commitSigma * Gaussian(random));
            return (IReadOnlyList<double>)Enumerable.Range(0, trials)
                .Select(_ => level(i) * load * Math.Exp(sigma * Gaussian(random))).ToArray();
        }).ToList();

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
