using System.Globalization;
using AiLab.Cli.Rendering;

namespace AiLab.EndToEnd.Tests.Rendering;

/// <summary>The human report, against committed golden files, under the invariant culture and under de-DE (whose
/// decimal comma and date format would show through any culture-sensitive formatting).</summary>
public sealed class SummaryTableGoldenTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Render_Comparison_MatchesGoldenFileInAnyCulture(string culture)
    {
        var (experiment, trials) = ReportSamples.Comparison();

        var text = InCulture(culture, () => SummaryTable.Render(experiment, trials));

        GoldenFile.AssertMatches("summary-ab.txt", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Render_ComparisonDecidedByAPhase_MatchesGoldenFileInAnyCulture(string culture)
    {
        var (experiment, trials) = ReportSamples.PhaseDecided();

        var text = InCulture(culture, () => SummaryTable.Render(experiment, trials));

        GoldenFile.AssertMatches("summary-ab-phase-decided.txt", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Render_Run_MatchesGoldenFileInAnyCulture(string culture)
    {
        var (experiment, trials) = ReportSamples.Run();

        var text = InCulture(culture, () => SummaryTable.Render(experiment, trials));

        GoldenFile.AssertMatches("summary-run.txt", text);
    }

    private static string InCulture(string name, Func<string> render)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            // Proves the culture really is in effect (an invariant-globalization runtime would quietly ignore it).
            Assert.Equal(name == "de-DE" ? "1,5" : "1.5", 1.5.ToString(CultureInfo.CurrentCulture));
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
