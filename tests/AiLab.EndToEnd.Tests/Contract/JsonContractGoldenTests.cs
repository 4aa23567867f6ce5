using System.Text.Json;
using AiLab.Cli.Commands;
using AiLab.Cli.Rendering;
using AiLab.EndToEnd.Tests.Rendering;
using AiLab.Testing;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>
/// Every JSON document of the command-line contract (what scripts and CI parse), rendered from fixed hand-built
/// results and compared with a committed golden file under Golden/json. Each is rendered under three cultures and
/// must not change (JSON numbers never take a decimal comma). Rewrite with AILAB_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class JsonContractGoldenTests
{
    [Fact]
    public void Ab_Comparison_MatchesGoldenFile()
    {
        var (experiment, trials) = ReportSamples.Comparison();

        AssertJson("ab.json", () => JsonReport.Experiment(experiment, trials));
    }

    [Fact]
    public void Run_OneVariant_MatchesGoldenFile()
    {
        var (experiment, trials) = ReportSamples.Run();

        AssertJson("run.json", () => JsonReport.Experiment(experiment, trials));
    }

    [Fact]
    public void Show_WithTrials_MatchesGoldenFile()
    {
        var (experiment, trials) = ReportSamples.Comparison();

        AssertJson("show-trials.json", () => JsonReport.Experiment(experiment, trials, includeTrials: true));
    }

    [Fact]
    public void List_TwoExperiments_MatchesGoldenFile()
    {
        var experiments = new[] { ReportSamples.Comparison().Experiment, ReportSamples.Run().Experiment };

        AssertJson("list.json", () => JsonReport.List(experiments));
    }

    [Fact]
    public void Bisect_CulpritsSkipsAndUnresolved_MatchesGoldenFile()
    {
        var result = BisectSamples.Result();

        AssertJson("bisect.json", () => BisectJson.Document(result));
    }

    [Fact]
    public void Release_RegressionUnchangedAndFailed_MatchesGoldenFile()
    {
        var result = ReleaseSamples.Result();

        AssertJson("release.json", () => ReleaseReport.Json(result));
    }

    [Fact]
    public void History_WithChangeAndFailedCommit_MatchesGoldenFile()
    {
        var result = HistorySamples.WithChange();

        AssertJson("history.json", () => HistoryCommand.Json(result));
    }

    [Fact]
    public void Calibrate_WithThreshold_MatchesGoldenFile()
    {
        var calibration = CalibrationSamples.WithThreshold();

        AssertJson("calibrate.json", () => CalibrationReport.Json(calibration));
    }

    [Fact]
    public void CalibrateList_TwoCalibrations_MatchesGoldenFile()
    {
        var all = new[] { CalibrationSamples.WithThreshold(), CalibrationSamples.WithoutThreshold() };

        AssertJson("calibrate-list.json", () => CalibrationReport.ListJson(all));
    }

    [Fact]
    public void IncidentsList_TwoIncidents_MatchesGoldenFile()
    {
        var incidents = new[] { IncidentSamples.Phase(), IncidentSamples.Improvement() };

        AssertJson("incidents-list.json", () => IncidentReport.ListJson(incidents, IncidentSamples.Attempts));
    }

    [Fact]
    public void IncidentsShow_WithDeliveries_MatchesGoldenFile()
    {
        var incident = IncidentSamples.Phase();

        AssertJson("incidents-show.json", () => IncidentReport.ShowJson(incident,
            IncidentSamples.Attempts(incident.Id)));
    }

    [Fact]
    public void IncidentsNotify_DeliveredFailedSkipped_MatchesGoldenFile()
    {
        var report = IncidentSamples.Notify();

        AssertJson("incidents-notify.json", () => IncidentReport.NotifyJson(report));
    }

    private static void AssertJson(string name, Func<string> render)
    {
        var json = Cultures.RenderInEach(render);
        using (JsonDocument.Parse(json))
        {
            // One well-formed document: what --json promises on stdout.
        }

        GoldenFile.AssertMatches("json/" + name, json);
    }
}
