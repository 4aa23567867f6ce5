using System.Globalization;
using System.Text.Json.Nodes;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace AiLab.Server.Tests.Browser;

/// <summary>The home chart's change points and branch filter (over <see cref="SteppedLab"/>), and the capacity page
/// over the fixture's real trials, in real headless Chromium; screenshots home-change-points.png,
/// home-branch-adhoc.png, capacity.png, phone-capacity.png.</summary>
[Collection(LabCollection.Name)]
public sealed class HistoryAndCapacityBrowserTests(LabFixture lab) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Home_SteppedHistory_DrawsOneChangePointWhereTheLevelMoves()
    {
        await using var stepped = await SteppedLab.StartAsync(lab);
        var page = await _browser.PageAsync(stepped.BaseAddress);

        await BrowserSession.GotoAsync(page, "/?workflow=" + SteppedLab.Workflow);
        var chart = page.Locator("figure#ttfb-" + SteppedLab.Workflow);
        var rows = page.Locator("table.change-points tr.change-point");

        Assert.Null(await chart.GetAttributeAsync("data-render-error"));
        Assert.Equal(Str(SteppedLab.Count), await chart.GetAttributeAsync("data-rendered-points"));
        Assert.Equal("1", await chart.GetAttributeAsync("data-rendered-changes"));
        Assert.Equal(1, await rows.CountAsync());
        // The change is placed at the first experiment of the new level, and says so in words and a symbol.
        Assert.Equal("/experiments/" + stepped.Ids[SteppedLab.ChangeAt],
            await rows.Locator("a").GetAttributeAsync("href"));
        Assert.Contains("◆ +5", await rows.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "home-change-points");
    }

    [Fact]
    public async Task Home_BranchFilter_ShowsOnlyThatBranchsExperiments()
    {
        await using var stepped = await SteppedLab.StartAsync(lab);
        using var client = new HttpClient { BaseAddress = stepped.BaseAddress };
        var adhoc = (await client.GetJsonAsync("/api/v1/workflows/adhoc/history")).AsArray().Count;
        var page = await _browser.PageAsync(stepped.BaseAddress);

        await BrowserSession.GotoAsync(page, "/?branch=main");
        var onMain = await page.Locator("section.workflow").CountAsync();
        var steppedOnMain = await page.Locator("figure#ttfb-"
            + SteppedLab.Workflow).GetAttributeAsync("data-rendered-points");
        await BrowserSession.GotoAsync(page, "/?branch=" + Uri.EscapeDataString("(ad hoc)"));
        var adhocChart = page.Locator("figure#ttfb-adhoc");

        Assert.Equal(1, onMain);
        Assert.Equal(Str(SteppedLab.Count), steppedOnMain);
        Assert.Equal(0, await page.Locator("figure#ttfb-" + SteppedLab.Workflow).CountAsync());
        Assert.Equal(Str(adhoc), await adhocChart.GetAttributeAsync("data-rendered-points"));
        Assert.Equal("(ad hoc)", await page.Locator("select[name=branch]").InputValueAsync());
        await BrowserSession.ScreenshotAsync(page, "home-branch-adhoc");
    }

    [Fact]
    public async Task Capacity_Charts_DrawOnePointPerTierOrWorkflowAndBucketWithSpend()
    {
        using var client = lab.Client();
        var series = await client.GetJsonAsync("/api/v1/capacity");
        var page = await _browser.PageAsync(lab.BaseAddress);

        await BrowserSession.GotoAsync(page, "/capacity");
        var tiers = page.Locator("figure#capacity-tier");
        var workflows = page.Locator("figure#capacity-workflow");

        Assert.Null(await tiers.GetAttributeAsync("data-render-error"));
        Assert.Equal(Str(Points(series["byTier"]!)), await tiers.GetAttributeAsync("data-rendered-points"));
        Assert.Equal(Str(Points(series["byWorkflow"]!)), await workflows.GetAttributeAsync("data-rendered-points"));
        var names = series["byTier"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ToList();
        // The fixture ran an A/B by hand, a bisection and a calibration: three tiers spent capacity.
        Assert.Equal(["adhoc", "bisection", "calibration"], names.Order(StringComparer.Ordinal));
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var name in names) Assert.Contains(name, text, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "capacity");
    }

    [Fact]
    public async Task Capacity_AtPhoneWidth_HasNoHorizontalScroll()
    {
        var page = await _browser.PageAsync(lab.BaseAddress, width: 390, height: 844);

        await BrowserSession.GotoAsync(page, "/capacity");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 1, $"/capacity is {overflow}px wider than a 390px phone screen");
        Assert.Equal(await page.Locator("figure#capacity-tier").GetAttributeAsync("data-expected-points"),
            await page.Locator("figure#capacity-tier").GetAttributeAsync("data-rendered-points"));
        await BrowserSession.ScreenshotAsync(page, "phone-capacity");
    }

    private static int Points(JsonNode lines) =>
        lines.AsArray().Sum(l => l!["cpuSeconds"]!.AsArray().Count(v => v is not null));

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
