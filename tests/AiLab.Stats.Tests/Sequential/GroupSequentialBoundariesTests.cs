using AiLab.Stats.Sequential;

namespace AiLab.Stats.Tests.Sequential;

/// <summary>Boundaries against published tables (Jennison &amp; Turnbull 2000) and the Lan–DeMets values that
/// R's gsDesign/ldbounds print for five equally spaced looks.</summary>
public sealed class GroupSequentialBoundariesTests
{
    private static readonly double[] FiveLooks = [0.2, 0.4, 0.6, 0.8, 1.0];

    [Theory]
    // Jennison & Turnbull (2000), Table 2.1: Pocock's C_P(K, α), two-sided.
    [InlineData(2, 0.05, 2.178)]
    [InlineData(5, 0.05, 2.413)]
    [InlineData(10, 0.05, 2.555)]
    public void PocockConstant_PublishedTable_MatchesToThreeDecimals(int looks, double alpha, double published)
    {
        Tolerance.Close(published, GroupSequentialBoundaries.PocockConstant(looks, alpha), relative: 0, absolute: 0.0006, what: $"C_P({looks}, {alpha})");
    }

    [Theory]
    // Jennison & Turnbull (2000), Table 2.3: O'Brien & Fleming's C_B(K, α), two-sided.
    [InlineData(2, 0.05, 1.977)]
    [InlineData(5, 0.05, 2.040)]
    [InlineData(10, 0.05, 2.087)]
    public void OBrienFlemingConstant_PublishedTable_MatchesToThreeDecimals(int looks, double alpha, double published)
    {
        Tolerance.Close(published, GroupSequentialBoundaries.OBrienFlemingConstant(looks, alpha), relative: 0, absolute: 0.0006, what: $"C_B({looks}, {alpha})");
    }

    [Fact]
    public void AlphaSpending_OBrienFlemingTypeFiveLooks_MatchesLanDeMetsValues()
    {
        // gsDesign::gsDesign(k = 5, test.type = 2, alpha = 0.025, sfu = sfLDOF)$upper$bound.
        double[] published = [4.8769, 3.3569, 2.6803, 2.2898, 2.0310];

        var boundaries = GroupSequentialBoundaries.AlphaSpending(FiveLooks, 0.05, SpendingFunction.OBrienFleming);

        for (var k = 0; k < published.Length; k++)
        {
            Tolerance.Close(published[k], boundaries[k], relative: 0, absolute: 0.0006, what: $"look {k + 1}");
        }
    }

    [Fact]
    public void AlphaSpending_PocockTypeFiveLooks_MatchesLanDeMetsValues()
    {
        // gsDesign::gsDesign(k = 5, test.type = 2, alpha = 0.025, sfu = sfLDPocock)$upper$bound.
        double[] published = [2.4380, 2.4268, 2.4101, 2.3966, 2.3859];

        var boundaries = GroupSequentialBoundaries.AlphaSpending(FiveLooks, 0.05, SpendingFunction.Pocock);

        for (var k = 0; k < published.Length; k++)
        {
            Tolerance.Close(published[k], boundaries[k], relative: 0, absolute: 0.0006, what: $"look {k + 1}");
        }
    }
}
