using System.Globalization;
using AiLab.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace AiLab.Server.Tests.Browser;

/// <summary>The model-output pages in real headless Chromium over two real stored comparisons: both sides' ROC and
/// PR curves drew every stored point (read back from uPlot's series), the deltas, slices, flips and history show
/// what the report holds. Screenshots: bin/Debug/net10.0/screenshots/outputs-*.png.</summary>
public sealed class OutputsPageBrowserTests(OutputsFixture lab) : IClassFixture<OutputsFixture>, IAsyncLifetime
{
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Comparison_Curves_DrawEveryPointOfBothSides()
    {
        var r = lab.Regression;
        var page = await _browser.PageAsync(lab.BaseAddress);

        await BrowserSession.GotoAsync(page, "/outputs/" + r.Id);

        var curves = r.Curves!;
        Assert.True(curves.RocBaseline.Count > 100 && curves.PrCandidate.Count > 100,
            "3,000 examples give many thresholds");
        await AssertPointsAsync(page, "figure#roc-curves", curves.RocBaseline.Count + curves.RocCandidate.Count);
        await AssertPointsAsync(page, "figure#pr-curves", curves.PrBaseline.Count + curves.PrCandidate.Count);
        Assert.Contains("not ready", await page.Locator("#verdict h2").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "outputs-comparison");
    }

    [Fact]
    public async Task Comparison_DeltasSlicesFlipsAndHistory_ShowTheStoredReport()
    {
        var r = lab.Regression;
        var page = await _browser.PageAsync(lab.BaseAddress);

        await BrowserSession.GotoAsync(page, "/outputs/" + r.Id);

        Assert.Equal(r.Overall.Deltas.Count, await page.Locator("#overall tr.delta").CountAsync());
        Assert.Equal(r.Slices.Sum(s => s.Deltas.Count), await page.Locator("#slices tr.delta").CountAsync());
        var failedRows = page.Locator("#slices tr.delta.failed");
        Assert.Equal(r.Verdicts.Count(v => !v.Passed && v.Slice != "(all)"), await failedRows.CountAsync());
        var failedAuroc = page.Locator("#slices tr.delta.failed[data-metric='auroc']");
        Assert.Equal("c", await failedAuroc.GetAttributeAsync("data-slice"));
        var auroc = r.Overall.Delta("auroc");
        var row = await page.Locator("#overall tr.delta[data-metric='auroc']").InnerTextAsync();
        var interval = string.Create(CultureInfo.InvariantCulture,
            $"[{auroc.Low:+0.0000;-0.0000}, {auroc.High:+0.0000;-0.0000}]");
        Assert.Contains(interval, row, StringComparison.Ordinal);
        Assert.Equal(Math.Min(r.Flipped.Count, 50), await page.Locator("#flips tr.flip").CountAsync());
        var firstFlip = await page.Locator("#flips tr.flip").First.InnerTextAsync();
        Assert.Contains(r.Flipped[0].Id, firstFlip, StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#history tr.comparison").CountAsync());
        await AssertPointsAsync(page, "figure#history-auroc", 2);
        await page.Locator($"#history a[href='/outputs/{lab.Equivalent.Id}']").ClickAsync();
        await page.WaitForSelectorAsync("body[data-charts-ready='true']");
        var verdict = await page.Locator("#verdict h2").InnerTextAsync();
        Assert.Contains("ready for traffic", verdict, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "outputs-equivalent");
    }

    [Fact]
    public async Task List_AtPhoneWidth_ListsBothAndHasNoHorizontalScroll()
    {
        var page = await _browser.PageAsync(lab.BaseAddress, width: 390, height: 844);

        await BrowserSession.GotoAsync(page, "/outputs");

        Assert.Equal(2, await page.Locator("table.comparisons tr.comparison").CountAsync());
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"/outputs is {overflow}px wider than a 390px phone screen");
        await BrowserSession.ScreenshotAsync(page, "outputs-list-phone");
    }

    [Fact]
    public async Task Comparison_UnknownId_Is404()
    {
        var page = await _browser.PageAsync(lab.BaseAddress);

        var response = await page.GotoAsync("/outputs/out-none");

        Assert.Equal(404, response!.Status);
    }

    private static async Task AssertPointsAsync(IPage page, string selector, int expected)
    {
        var chart = page.Locator(selector);
        Assert.Null(await chart.GetAttributeAsync("data-render-error"));
        var count = expected.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(count, await chart.GetAttributeAsync("data-expected-points"));
        Assert.Equal(count, await chart.GetAttributeAsync("data-rendered-points"));
        Assert.Equal(1, await chart.Locator("canvas").CountAsync());
    }
}
