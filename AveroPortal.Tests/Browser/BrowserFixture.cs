using AveroPortal.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Browser;

/// <summary>
/// The portal on a loopback port and Debian's chromium driven by Playwright. A missing browser fails the tests
/// loudly: the README's test command installs it, nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new PortalFactory())
    {
    }

    /// <summary>For tests that configure the portal themselves (xunit wants one public constructor on a fixture).</summary>
    internal BrowserFixture(PortalFactory portal, int port = 0)
    {
        Portal = portal;
        _port = port;
    }

    private readonly int _port;

    public PortalFactory Portal { get; }

    public Uri BaseUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium ontbreekt op {ChromiumPath}. Installeer het met 'apt-get install -y chromium' (de testopdracht in README.md doet dat).");
        }

        BaseUrl = Portal.StartKestrel(_port);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = "nl-NL" });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

public static class PageChecks
{
    /// <summary>Interactive pages are prerendered first; clicks only work once the circuit is connected.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("main[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public static async Task ExpectAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0,
            $"axe-core on {page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
