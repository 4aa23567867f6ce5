using System.Globalization;
using System.Text.RegularExpressions;
using AiLab.Cli.Commands;
using AiLab.Cli.Rendering;
using AiLab.EndToEnd.Tests.Rendering;
using AiLab.Testing;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>
/// The human reports other than the summary table (see <see cref="SummaryTableGoldenTests"/>), rendered from fixed
/// hand-built results against golden files under Golden/tables, the same under three cultures. The incident reports
/// show times in the reader's time zone on purpose; those are checked and replaced by a marker before the comparison.
/// </summary>
public sealed partial class TableGoldenTests
{
    [Fact]
    public void Bisect_CulpritsSkipsAndUnresolved_MatchesGoldenFile()
    {
        var result = BisectSamples.Result();

        AssertTable("bisect.txt", () => BisectTable.Render(result));
    }

    [Fact]
    public void Release_RegressionUnchangedAndFailed_MatchesGoldenFile()
    {
        var result = ReleaseSamples.Result();

        AssertTable("release.txt", () => ReleaseReport.Table(result));
    }

    [Fact]
    public void History_WithChangeAndFailedCommit_MatchesGoldenFile()
    {
        var result = HistorySamples.WithChange();

        AssertTable("history.txt", () => HistoryCommand.Table(result));
    }

    [Fact]
    public void History_OneLevel_MatchesGoldenFile()
    {
        var result = HistorySamples.OneLevel();

        AssertTable("history-one-level.txt", () => HistoryCommand.Table(result));
    }

    [Fact]
    public void Calibrate_WithThreshold_MatchesGoldenFile()
    {
        var calibration = CalibrationSamples.WithThreshold();

        AssertTable("calibrate.txt", () => CalibrationReport.Table(calibration));
    }

    [Fact]
    public void CalibrateList_TwoCalibrations_MatchesGoldenFile()
    {
        var all = new[] { CalibrationSamples.WithThreshold(), CalibrationSamples.WithoutThreshold() };

        AssertTable("calibrate-list.txt", () => CalibrationReport.ListTable(all));
    }

    [Fact]
    public void IncidentsList_TwoIncidents_MatchesGoldenFile()
    {
        var incidents = new[] { IncidentSamples.Phase(), IncidentSamples.Improvement() };

        AssertTable("incidents-list.txt", () => IncidentReport.List(incidents, IncidentSamples.Attempts));
    }

    [Fact]
    public void IncidentsShow_WithDeliveries_MatchesGoldenFile()
    {
        var incident = IncidentSamples.Phase();

        AssertTable("incidents-show.txt", () => IncidentReport.Show(incident, IncidentSamples.Attempts(incident.Id)));
    }

    [Fact]
    public void IncidentsNotify_DeliveredFailedSkipped_MatchesGoldenFile()
    {
        var report = IncidentSamples.Notify();

        AssertTable("incidents-notify.txt", () => IncidentReport.Notify(report));
    }

    private static void AssertTable(string name, Func<string> render) =>
        GoldenFile.AssertMatches("tables/" + name, LocalTimesMarked(Cultures.RenderInEach(render)));

    // The incident list and the delivery lines of 'incidents show' print instants in the machine's time zone on
    // purpose; each must be the local time of a sample instant, and is replaced by a marker naming that instant.
    private static string LocalTimesMarked(string text)
    {
        var instants = new[] { IncidentSamples.Created, IncidentSamples.Created.AddHours(-26) }
            .Concat(IncidentSamples.Attempts(IncidentSamples.Phase().Id).Select(a => a.At));
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var at in instants)
        {
            var (local, utc) = (at.ToLocalTime(), at.ToUniversalTime());
            markers[local.ToString("yyyy-MM-dd HH:mm",
                CultureInfo.InvariantCulture)] = $"<local time of {utc:yyyy-MM-dd HH:mm}Z>";
            markers[local.ToString("yyyy-MM-dd HH:mm:ss",
                CultureInfo.InvariantCulture)] = $"<local time of {utc:yyyy-MM-dd HH:mm:ss}Z>";
        }

        return LocalTime().Replace(text, match =>
        {
            var time = match.Groups["time"].Value;
            Assert.True(markers.TryGetValue(time, out var marker),
                $"'{time}' is not the local time of any sample instant");
            return match.Groups["before"].Value + marker;
        });
    }

    [GeneratedRegex(@"^(?<before>inc-[0-9a-f]+  |  )(?<time>\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?)(?=  )",
        RegexOptions.Multiline)]
    private static partial Regex LocalTime();
}
