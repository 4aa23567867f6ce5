using Microsoft.Playwright;

namespace AiLab.Server.Tests.Browser;

/// <summary>Real headless Chromium (Debian's /usr/bin/chromium, no browser download) driven by Playwright, and the
/// folder screenshots go to: <c>screenshots/</c> under the test output (bin/Debug/net10.0/screenshots).</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>The Chromium the tests drive; scripts/setup-chromium.sh installs it.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    /// <summary>Where the screenshots are kept as test artifacts.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing; run scripts/setup-chromium.sh (Debian's chromium package)");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // --no-sandbox: the suite runs as root on CI machines, where Chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"], Timeout = 120_000,
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A page at <paramref name="width"/>×<paramref name="height"/> CSS pixels with generous timeouts for a
    /// loaded machine.</summary>
    public async Task<IPage> PageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until dashboard.js has drawn every chart.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path}: {response?.Status}");
        await page.WaitForSelectorAsync("body[data-charts-ready='true']");
    }

    /// <summary>Saves a full-page screenshot named <paramref name="name"/>.png.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
