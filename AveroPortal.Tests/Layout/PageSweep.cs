using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Layout;

/// <summary>
/// One pass of one browser over every page of <see cref="PortalPages"/> (the Development portal, so the test brokers
/// and the outbox page are there too), the viewport resized through 320, 375, 768 and 1280 px on each; what it finds
/// is kept by kind, and each test of <see cref="EveryPageBrowserTests"/> asserts one kind is empty.
/// </summary>
public sealed class PageSweep : IAsyncLifetime
{
    public static readonly int[] Widths = [320, 375, 768, 1280];

    /// <summary>Below this width the header shows the menu instead of the row of links (app.css, 62em).</summary>
    public const int MenuBelow = 992;

    private BrowserFixture _browser = default!;
    private Task<Findings>? _findings;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        _browser = new BrowserFixture(new PortalFactory
        {
            EnvironmentName = "Development",
            Settings = EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true),
        }, port);
        await _browser.InitializeAsync();
    }

    public Task DisposeAsync() => _browser.DisposeAsync();

    /// <summary>The one sweep, run by whichever test asks first.</summary>
    public Task<Findings> FindingsAsync()
    {
        lock (this)
        {
            return _findings ??= SweepAsync();
        }
    }

    private async Task<Findings> SweepAsync()
    {
        var pages = new PortalPages(_browser);
        var contexts = await pages.SignInAsync();
        var findings = new Findings();
        var watched = new HashSet<IBrowserContext>();
        foreach (var visit in PortalPages.All)
        {
            // Flows (a login half done) get a page of their own; everything else uses the viewer's signed-in context.
            var page = visit.OwnPage ? await _browser.NewPageAsync() : contexts[visit.Viewer];
            await WatchAsync(page, watched);
            await page.SetViewportSizeAsync(1280, 800);
            await visit.Reach(pages, page);
            await SettleAsync(page);
            findings.Visited.Add($"{visit.Name} -> {new Uri(page.Url).PathAndQuery}");

            if (visit.Loads)
            {
                await CheckFirstTabAsync(page, visit, findings);
            }

            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                await CheckWidthAsync(page, visit, width, findings);
                if (width is 375 or 1280)
                {
                    await CheckFocusAsync(page, visit, width, findings);
                    await CheckAxeAsync(page, visit, width, findings);
                }
            }
        }

        return findings;
    }

    /// <summary>
    /// Before blazor.web.js starts (it consumes the markers), whether the page has an interactive root: its prerendered
    /// DOM is replaced when the circuit renders, which would take focus from whatever the sweep focused.
    /// </summary>
    private static async Task WatchAsync(IPage page, HashSet<IBrowserContext> watched)
    {
        if (watched.Add(page.Context))
        {
            await page.Context.AddInitScriptAsync("""
                document.addEventListener('DOMContentLoaded', () => {
                  window.__averoInteractive = document.documentElement.innerHTML.includes('Blazor:{"type":"server"');
                });
                """);
        }
    }

    /// <summary>Interactive pages are prerendered; the checks run once the circuit has rendered them.</summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        // The h1 as well: while the circuit authorizes, the layout shows a placeholder and is then rendered anew, which
        // would take focus from whatever was focused.
        await page.WaitForFunctionAsync("""
            () => window.__averoInteractive !== undefined
              && (!window.__averoInteractive || document.querySelector('main')?.dataset.interactive === 'true')
              && document.querySelector('main h1') !== null
            """, null, new() { Timeout = 15_000 });
    }

    private static async Task CheckWidthAsync(IPage page, PageVisit visit, int width, Findings findings)
    {
        var layout = await page.EvaluateAsync<JsonElement>("""
            () => {
              const vw = window.innerWidth;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 0.5; })
                .filter(e => !e.closest('.scroll-region, .mud-table-container') || e.matches('.scroll-region, .mud-table-container'))
                .slice(0, 3)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`);
              const header = document.querySelector('header.site-header');
              const box = header.getBoundingClientRect();
              const items = [...header.querySelectorAll('a, button, summary')].filter(e => e.getClientRects().length > 0 && !e.closest('.menu-nav'));
              const clipped = items.filter(e => {
                const r = e.getBoundingClientRect();
                return r.left < 0 || r.right > vw + 0.5 || r.top < box.top || r.bottom > box.bottom + 0.5;
              }).map(e => e.textContent.trim());
              const middle = box.top + box.height / 2;
              const offRow = items.filter(e => { const r = e.getBoundingClientRect(); return Math.abs(r.top + r.height / 2 - middle) > 8; })
                .map(e => e.textContent.trim());
              const visible = sel => { const e = header.querySelector(sel); return !!e && e.getClientRects().length > 0; };
              return {
                scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide,
                clipped, offRow, headerHeight: box.height,
                menu: visible('.menu > summary'), row: visible('.top-nav'),
              };
            }
            """);
        var where = $"{visit.Name} at {width} px";
        var scrollWidth = layout.GetProperty("scrollWidth").GetInt32();
        if (scrollWidth > layout.GetProperty("innerWidth").GetInt32())
        {
            findings.Overflow.Add($"{where}: the page is {scrollWidth} px wide; too wide: {string.Join(", ", layout.GetProperty("wide").EnumerateArray().Select(e => e.GetString()))}");
        }

        var clipped = layout.GetProperty("clipped").EnumerateArray().Select(e => e.GetString()).ToList();
        var offRow = layout.GetProperty("offRow").EnumerateArray().Select(e => e.GetString()).ToList();
        if (clipped.Count > 0 || offRow.Count > 0)
        {
            findings.Header.Add($"{where}: clipped [{string.Join(", ", clipped)}], not on the one row [{string.Join(", ", offRow)}] (header {layout.GetProperty("headerHeight").GetDouble()} px high)");
        }

        var menu = layout.GetProperty("menu").GetBoolean();
        var row = layout.GetProperty("row").GetBoolean();
        if (menu != width < MenuBelow || row != width >= MenuBelow)
        {
            findings.Header.Add($"{where}: menu toggle shown {menu}, row of links shown {row}");
        }
    }

    /// <summary>After the load (and the circuit's first render) nothing holds focus, so the first Tab is the skip link.</summary>
    private static async Task CheckFirstTabAsync(IPage page, PageVisit visit, Findings findings)
    {
        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e?.classList.contains('skip-link') ? 'skip-link' : (e?.outerHTML ?? 'nothing').slice(0, 120); }");
        if (first != "skip-link")
        {
            findings.SkipLink.Add($"{visit.Name}: the first Tab reached '{first}'");
        }
    }

    /// <summary>
    /// Tab once round the page (past the end focus leaves the document and comes back at the top) through every link,
    /// button and field; each must match :focus-visible and show an outline of 2 px or more or a box-shadow.
    /// </summary>
    private static async Task CheckFocusAsync(IPage page, PageVisit visit, int width, Findings findings)
    {
        var expected = await page.EvaluateAsync<int>("""
            () => {
              // What Tab reaches: shown, not inside a closed <details> (its summary is), one stop per radio group.
              const radios = new Set();
              return [...document.querySelectorAll('a[href], button:not([disabled]), summary, input:not([type=hidden]):not([disabled]), select, textarea, [tabindex="0"]')]
                .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && e.tabIndex >= 0)
                .filter(e => { const d = e.closest('details:not([open])'); return !d || e.matches('details > summary') && e.parentElement === d; })
                .filter(e => e.type !== 'radio' || (!radios.has(e.name) && radios.add(e.name)))
                .length;
            }
            """);
        // One round; a second only when the first came up short: a page that re-renders under a slow machine (the
        // circuit or an enhanced load replacing the DOM) can drop focus once, a real trap or a skipped element fails
        // both rounds.
        var (seen, problems) = await TabRoundAsync(page, visit, width);
        if (seen.Count < expected)
        {
            await page.EvaluateAsync("() => document.activeElement?.blur()");
            (seen, problems) = await TabRoundAsync(page, visit, width);
        }

        findings.Focus.AddRange(problems);

        // Tab must have reached them all (a focus trap, or elements Tab skips, would hide missing focus styles).
        if (seen.Count < expected)
        {
            findings.Focus.Add($"{visit.Name} at {width} px: Tab reached {seen.Count} of {expected} focusable elements");
        }
    }

    private static async Task<(HashSet<string> Seen, List<string> Problems)> TabRoundAsync(IPage page, PageVisit visit, int width)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>();
        var outside = 0;
        for (var step = 0; step < 300 && outside < 3; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const ring = el => { const s = getComputedStyle(el);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none'); };
                  const field = e.closest('.mud-input');
                  const path = [];
                  for (let n = e; n && n !== document.body; n = n.parentElement) path.unshift(n.tagName.toLowerCase() + ':' + [...n.parentElement.children].indexOf(n));
                  return { key: path.join('/'), label: `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 40)}"`,
                           visible: e.matches(':focus-visible'), ring: ring(e) || (!!field && ring(field)) };
                }
                """);
            if (focus.ValueKind == JsonValueKind.Null)
            {
                outside++;
                continue;
            }

            outside = 0;
            if (!seen.Add(focus.GetProperty("key").GetString()!))
            {
                break;
            }

            if (!focus.GetProperty("visible").GetBoolean() || !focus.GetProperty("ring").GetBoolean())
            {
                problems.Add($"{visit.Name} at {width} px: {focus.GetProperty("label").GetString()} shows no focus");
            }
        }

        return (seen, problems);
    }

    private static async Task CheckAxeAsync(IPage page, PageVisit visit, int width, Findings findings)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            findings.Axe.Add($"{visit.Name} at {width} px: {violation.Id} ({violation.Impact}) at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}");
        }
    }

    public sealed class Findings
    {
        public List<string> Visited { get; } = [];

        public List<string> Overflow { get; } = [];

        public List<string> Header { get; } = [];

        public List<string> SkipLink { get; } = [];

        public List<string> Focus { get; } = [];

        public List<string> Axe { get; } = [];
    }
}
