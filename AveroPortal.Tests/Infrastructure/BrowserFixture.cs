using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// The portal on a loopback port and Debian's chromium driven by Playwright. A missing browser fails the tests
/// loudly: the README's test command installs it, nothing is downloaded. Every page it opens reports Content
/// Security Policy violations on the portal's pages; <see cref="ExpectNoContentSecurityViolationsAsync"/>, run by
/// <see cref="DisposeAsync"/> (so after every test that owns a fixture) and after each test of the shared one, fails
/// the test on any.
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
    /// <param name="host">The name the browser uses for the portal: "localhost" where WebAuthn needs a domain as relying-party ID.</param>
    internal BrowserFixture(PortalFactory portal, int port = 0, string host = "127.0.0.1")
    {
        Portal = portal;
        _port = port;
        _host = host;
    }

    private readonly int _port;
    private readonly string _host;

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

        BaseUrl = new UriBuilder(Portal.StartKestrel(_port)) { Host = _host }.Uri;
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
        await WatchContentSecurityPolicyAsync(context);
        var page = await context.NewPageAsync();
        _pages.Add(page);
        return page;
    }

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentBag<IPage> _pages = [];

    /// <summary>
    /// The browser's securitypolicyviolation event (from an init script, before any page script runs) and its
    /// console report ("... violates the following Content Security Policy directive ..."), on the portal's own
    /// pages; the peers (SimpleSAMLphp, the iDIN broker) have policies of their own.
    /// </summary>
    private async Task WatchContentSecurityPolicyAsync(IBrowserContext context)
    {
        var origin = BaseUrl.GetLeftPart(UriPartial.Authority);
        bool OnPortal(string? url) => url is not null && url.StartsWith(origin, StringComparison.Ordinal);
        await context.ExposeBindingAsync("__averoCspViolation", (BindingSource source, string report) =>
        {
            if (OnPortal(source.Frame?.Url))
            {
                _violations.Enqueue($"{source.Frame!.Url}: {report}");
            }
        });
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e => {
                const report = `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber}) "${e.sample || ''}"`;
                try { window.__averoCspViolation(report); } catch { }
            });
            """);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) && OnPortal(message.Page?.Url))
            {
                _violations.Enqueue($"{message.Page!.Url}: {message.Text}");
            }
        };
    }

    /// <summary>Fails with every violation seen since the last check, and forgets them.</summary>
    public async Task ExpectNoContentSecurityViolationsAsync()
    {
        // A round trip to each open page, after a moment for queued violation events to fire, lets the reports it
        // sent before arrive first.
        foreach (var page in _pages.Where(p => !p.IsClosed))
        {
            try
            {
                await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 100))");
            }
            catch (PlaywrightException)
            {
                // Closed or navigating away: what it reported has arrived.
            }
        }

        var seen = new List<string>();
        while (_violations.TryDequeue(out var violation))
        {
            seen.Add(violation);
        }

        Assert.True(seen.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", seen.Distinct()));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Browser is not null)
            {
                await ExpectNoContentSecurityViolationsAsync();
            }
        }
        finally
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright?.Dispose();
            await Portal.DisposeAsync();
        }
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
