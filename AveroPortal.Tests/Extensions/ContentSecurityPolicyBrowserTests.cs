using Microsoft.Playwright;

namespace AveroPortal.Tests.Extensions;

/// <summary>
/// The browser fixture's Content-Security-Policy check itself: a violation on a portal page fails the test, and the
/// browser really enforces the policy (an inline script does not run).
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new(new PortalFactory());

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    [Fact]
    public async Task AnInlineScriptOnAPortalPageFailsTheTest()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.ranInline = true'; document.body.appendChild(s); }");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => _browser.ExpectNoContentSecurityViolationsAsync());
        Assert.Contains("/inloggen", failure.Message, StringComparison.Ordinal);
        Assert.Contains("script-src", failure.Message, StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.ranInline === true"));
        // Reported once, then forgotten: the check after this test passes.
        await _browser.ExpectNoContentSecurityViolationsAsync();
    }

    [Fact]
    public async Task AnInlineEventHandlerIsRefusedAndReported()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.EvaluateAsync("() => { const b = document.createElement('button'); b.setAttribute('onclick', 'window.clicked = true'); document.body.appendChild(b); b.click(); }");

        Assert.False(await page.EvaluateAsync<bool>("() => window.clicked === true"));
        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => _browser.ExpectNoContentSecurityViolationsAsync());
        Assert.Contains("script-src", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignedInOverviewRunsItsCircuitUnderThePolicy()
    {
        // connect-src 'self' lets the circuit's WebSocket through; nothing on the page breaks the policy.
        var account = await _browser.Portal.CreateAccountAsync();
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen/particulier");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");

        await page.WaitForInteractiveAsync();

        await _browser.ExpectNoContentSecurityViolationsAsync();
    }
}
