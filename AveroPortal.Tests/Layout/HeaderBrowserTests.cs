using Microsoft.Playwright;

namespace AveroPortal.Tests.Layout;

/// <summary>The header by keyboard: skip link first, focus on the content after a navigation, the menu and signing out.</summary>
public sealed class HeaderBrowserTests : IAsyncLifetime
{
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        _browser = new BrowserFixture();
        await _browser.InitializeAsync();
    }

    public Task DisposeAsync() => _browser.DisposeAsync();

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement === document.body ? 'body' : (document.activeElement.id || document.activeElement.className || document.activeElement.tagName)");

    [Fact]
    public async Task TheSkipLinkComesFirstAndMovesFocusToTheContent()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("wordmark", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await FocusedAsync(page));
        // The next Tab goes into the content, not back into the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Fact]
    public async Task AnEnhancedNavigationBetweenStaticPagesPutsFocusOnTheContent()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.Locator(".top-nav").GetByRole(AriaRole.Link, new() { Name = "Veelgestelde vragen" }).ClickAsync();
        await page.WaitForURLAsync("**/veelgestelde-vragen");

        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        // The order stays: back from the content is the header, the skip link before it.
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('header').contains(document.activeElement)"));
    }

    [Fact]
    public async Task AnInteractiveNavigationPutsFocusOnTheContentAndTheFirstLoadDoesNot()
    {
        // Between two interactive pages: the support desk's (the customers' settings and colleagues pages are static
        // SSR, so a link there is a page load, which leaves focus alone like any first load).
        var agent = await _browser.Portal.CreateStaffAsync();
        var page = await _browser.NewPageAsync();
        await LogInAsync(page, agent, "**/support");
        await page.WaitForInteractiveAsync();
        // The circuit's first render leaves focus alone (FocusOnNavigate used to put it on the h1).
        Assert.Equal("body", await FocusedAsync(page));

        await page.Locator(".support-nav").GetByRole(AriaRole.Link, new() { Name = "Auditlog" }).ClickAsync();
        await page.WaitForURLAsync("**/support/audit");

        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhoneTheMenuOpensByKeyboardAndHoldsEveryLink()
    {
        var account = await _browser.Portal.CreateAccountAsync();
        var page = await _browser.NewPageAsync();
        await page.SetViewportSizeAsync(375, 667);
        await LogInAsync(page, account);
        // The circuit renders the layout anew when it starts (prerendered DOM is replaced, not hydrated): a menu
        // opened before that closes again, so the test opens it on the interactive page, as a customer mostly does.
        await page.WaitForInteractiveAsync();

        var toggle = page.GetByTestId("menu-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("top-nav")).ToBeHiddenAsync();
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Veelgestelde vragen" })).ToBeHiddenAsync();

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        foreach (var name in new[] { "Veelgestelde vragen", "Mijn overzicht", "Instellingen", "English" })
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" })).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task UitloggenInTheHeaderPostsTheFormAndEndsTheSession()
    {
        var account = await _browser.Portal.CreateAccountAsync();
        var page = await _browser.NewPageAsync();
        await LogInAsync(page, account);
        var logout = page.Locator(".top-nav form[method='post'][action='/uitloggen']");
        await Assertions.Expect(logout.Locator("input[name='__RequestVerificationToken']")).ToHaveCountAsync(1);

        await logout.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();

        await page.WaitForURLAsync("**/?uitgelogd=1");
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");
    }

    private static async Task LogInAsync(IPage page, TestAccount account, string landsOn = "**/mijn-overzicht")
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync(landsOn);
    }
}
