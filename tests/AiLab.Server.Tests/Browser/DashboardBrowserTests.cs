using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace AiLab.Server.Tests.Browser;

/// <summary>The dashboard in real headless Chromium over the fixture's real experiments: each chart drew as many
/// points as the API has data for (read back from uPlot's series), a regression links to its experiment and its
/// bisection, triage goes through the API with a token, and the pages fit a phone. Screenshots:
/// bin/Debug/net10.0/screenshots/.</summary>
[Collection(LabCollection.Name)]
public sealed class DashboardBrowserTests(LabFixture lab) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Home_TtfbChart_DrawsOnePointPerExperimentAndMarksEachChange()
    {
        using var client = lab.Client();
        var history = (await client.GetJsonAsync("/api/v1/workflows/adhoc/history")).AsArray();
        var changes = history.Count(p => p!["verdict"]!.GetValue<string>() is "regression" or "improvement");
        var page = await _browser.PageAsync(lab.BaseAddress);

        await BrowserSession.GotoAsync(page, "/");
        var chart = page.Locator("figure#ttfb-adhoc");

        Assert.Null(await chart.GetAttributeAsync("data-render-error"));
        Assert.Equal(history.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-rendered-points"));
        Assert.Equal(changes.ToString(System.Globalization.CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-rendered-marks"));
        Assert.True(changes >= 1, "the fixture's A/B experiment is a regression");
        Assert.Equal(1, await chart.Locator("canvas").CountAsync());
        Assert.Equal(changes, await page.Locator("table.changes tr.change").CountAsync());
        await BrowserSession.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task Regression_LinksToItsExperimentAndItsBisection()
    {
        using var client = lab.Client();
        var page = await _browser.PageAsync(lab.BaseAddress);
        await BrowserSession.GotoAsync(page, "/");
        var row = page.Locator("tr.change.regression").Filter(new LocatorFilterOptions { Has = page.Locator("a.bisection-link") }).First;

        await row.Locator("a.experiment-link").ClickAsync();
        await page.WaitForSelectorAsync("body[data-charts-ready='true']");
        var experimentId = page.Url.Split('/')[^1];
        Assert.StartsWith("ab-", experimentId, StringComparison.Ordinal);
        Assert.Contains("regression", await page.Locator("#verdict h2").InnerTextAsync(), StringComparison.Ordinal);
        var trials = await client.AllPagesAsync($"/api/v1/experiments/{experimentId}/trials", 500);
        var measured = trials.Count(t => !t["isWarmup"]!.GetValue<bool>() && t["result"]!["status"]!.GetValue<string>() == "succeeded" && t["result"]!["ttfbMs"] is not null);
        Assert.Equal(measured.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("figure#strip-ttfb").GetAttributeAsync("data-rendered-points"));
        await AssertEveryChartDrewItsPointsAsync(page);
        Assert.Equal(trials.Count, await page.Locator("#trials tr.trial").CountAsync());
        foreach (var term in new[] { "test", "p (Welch, log)", "threshold source", "confirmation" })
            Assert.Contains(term, await page.Locator("#verdict dl").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "experiment");

        await page.GoBackAsync();
        await page.WaitForSelectorAsync("body[data-charts-ready='true']");
        await row.Locator("a.bisection-link").ClickAsync();
        await page.WaitForSelectorAsync("body[data-charts-ready='true']");
        var bisectionId = page.Url.Split('/')[^1];
        var bisection = await client.GetJsonAsync($"/api/v1/bisections/{bisectionId}");
        Assert.Contains(FixtureRepository.CulpritAuthor, await page.Locator("article.culprit").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(FixtureRepository.CulpritSubject, await page.Locator("article.culprit h3").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(lab.Commits[2][..12], await page.Locator("ol.commits li.culprit").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(bisection["steps"]!.AsArray().Count, await page.Locator("tr.step").CountAsync());
        Assert.Contains(experimentId, bisection["steps"]!.AsArray().Select(s => s!["experimentId"]!.GetValue<string>()));
        await AssertEveryChartDrewItsPointsAsync(page);
        await BrowserSession.ScreenshotAsync(page, "bisection");
    }

    [Fact]
    public async Task Incidents_AcknowledgeWithoutToken_IsRefusedAndWithTokenIsStored()
    {
        using var client = lab.Client();
        var incidentId = (await client.GetJsonAsync("/api/v1/incidents"))["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var page = await _browser.PageAsync(lab.BaseAddress);
        await BrowserSession.GotoAsync(page, "/incidents");
        var acknowledge = page.Locator($"button[data-incident='{incidentId}'][data-action='acknowledge']");

        await acknowledge.ClickAsync();
        await Assertions.Expect(page.Locator("#triage-result")).ToContainTextAsync("401");
        Assert.Equal("open", (await client.GetJsonAsync($"/api/v1/incidents/{incidentId}"))["status"]!.GetValue<string>());

        await page.Locator("details.token summary").ClickAsync();
        await page.Locator("#api-token").FillAsync(lab.ValidToken);
        await page.Locator("#save-token").ClickAsync();
        await acknowledge.ClickAsync();
        await Assertions.Expect(page.Locator("#triage-result")).ToContainTextAsync("acknowledged");
        Assert.Equal("acknowledged", (await client.GetJsonAsync($"/api/v1/incidents/{incidentId}"))["status"]!.GetValue<string>());
        await BrowserSession.ScreenshotAsync(page, "incidents");

        await page.Locator($"button[data-incident='{incidentId}'][data-action='reopen']").ClickAsync();
        await Assertions.Expect(page.Locator("#triage-result")).ToContainTextAsync("open");
    }

    [Fact]
    public async Task Calibrations_NoiseChart_DrawsOnePointPerCalibration()
    {
        using var client = lab.Client();
        var calibrations = await client.AllPagesAsync("/api/v1/calibrations?workflow=adhoc", 50);
        var page = await _browser.PageAsync(lab.BaseAddress);

        await BrowserSession.GotoAsync(page, "/calibrations");

        Assert.NotEmpty(calibrations);
        Assert.Equal(calibrations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("figure#noise-adhoc").GetAttributeAsync("data-rendered-points"));
        await BrowserSession.ScreenshotAsync(page, "calibrations");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents")]
    [InlineData("/bisections")]
    [InlineData("/calibrations")]
    public async Task Page_AtPhoneWidth_HasNoHorizontalScroll(string path)
    {
        var page = await _browser.PageAsync(lab.BaseAddress, width: 390, height: 844);

        await BrowserSession.GotoAsync(page, path);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 1, $"{path} is {overflow}px wider than a 390px phone screen");
        await AssertEveryChartDrewItsPointsAsync(page);
        await BrowserSession.ScreenshotAsync(page, "phone" + (path == "/" ? "-home" : path.Replace('/', '-')));
    }

    private static async Task AssertEveryChartDrewItsPointsAsync(IPage page)
    {
        var charts = page.Locator("figure.chart");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var chart = charts.Nth(i);
            var id = await chart.GetAttributeAsync("id");
            Assert.Null(await chart.GetAttributeAsync("data-render-error"));
            Assert.Equal(await chart.GetAttributeAsync("data-expected-points"), await chart.GetAttributeAsync("data-rendered-points"));
            Assert.True(await chart.Locator("canvas").CountAsync() == 1, $"chart {id} has no canvas");
        }
    }
}
