using AveroPortal.Core.Login;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Login;

[Collection(BrowserCollection.Name)]
public sealed class LoginWizardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The fixture outlives this test: its Content-Security-Policy check runs after each test here.</summary>
    public Task DisposeAsync() => browser.ExpectNoContentSecurityViolationsAsync();

    [Fact]
    public async Task FreshAccountEnrollsWithTheShownKeyAndLogsInAgainWithANewCode()
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: false);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.ExpectAccessibleAsync();
        await page.GotoAsync("/inloggen");
        await page.ExpectAccessibleAsync();
        await page.GetByTestId("method-private-password").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/particulier");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/koppelen");
        await page.ExpectAccessibleAsync();
        Assert.StartsWith("data:image/png;base64,", await page.GetByTestId("qr-code").GetAttributeAsync("src"));
        var shownKey = await page.GetByTestId("secret-key").InnerTextAsync();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", shownKey.Trim());
        var secret = Base32Encoding.ToBytes(shownKey.Replace(" ", "", StringComparison.Ordinal));
        await page.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelen en inloggen" }).ClickAsync();
        // Signed in by the confirmation, which shows the first recovery codes once.
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.ExpectAccessibleAsync();
        await page.GetByTestId("recovery-continue").ClickAsync();

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(account.Email)).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();

        // The header has its own Uitloggen too (HeaderBrowserTests); this one is the button on the page.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/?uitgelogd=1");
        await Assertions.Expect(page.GetByText("U bent uitgelogd.")).ToBeVisibleAsync();
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");

        // Second login: no QR code any more, a code from the next time step (the enrolment used this one).
        await page.GotoAsync("/inloggen/particulier");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow.AddSeconds(TotpPolicy.StepSeconds)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText(account.Email)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ReplayedCodeIsRefused()
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: true);
        var code = account.Code();

        var first = await browser.NewPageAsync();
        await LogInAsync(first, account, code);
        await first.WaitForURLAsync("**/mijn-overzicht");

        var second = await browser.NewPageAsync();
        await LogInAsync(second, account, code);
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("al gebruikt");
        Assert.EndsWith("/inloggen/code", second.Url);
        await second.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: true);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/inloggen/particulier");

        for (var i = 1; i <= 5; i++)
        {
            await page.GetByLabel("E-mailadres").FillAsync(account.Email);
            await page.GetByLabel("Wachtwoord").FillAsync("Verkeerd-wachtwoord-" + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("tijdelijk geblokkeerd");
        await Assertions.Expect(alert.GetByRole(AriaRole.Link, new() { Name = "058 297 72 34" })).ToHaveAttributeAsync("href", "tel:+31582977234");
        await page.ExpectAccessibleAsync();

        // The right password no longer helps while the lock lasts.
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("tijdelijk geblokkeerd");
        Assert.EndsWith("/inloggen/particulier", page.Url);
    }

    [Fact]
    public async Task PublicPagesAreAccessibleInDutchAndEnglish()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/veelgestelde-vragen");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Assertions.Expect(page.Locator("footer a[href='tel:+31582977234']")).ToBeVisibleAsync();
        // The answers sit in native disclosures (details/summary) that open on a click or Enter, without a circuit.
        var answer = page.Locator("details", new() { HasText = "Wat is eHerkenning en hoe vraag ik het aan?" }).Locator(".faq-answer");
        await Assertions.Expect(answer).ToBeHiddenAsync();
        await page.GetByText("Wat is eHerkenning en hoe vraag ik het aan?").ClickAsync();
        await Assertions.Expect(answer).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive='false']")).ToBeVisibleAsync();
        await Assertions.Expect(answer).ToContainTextAsync("EH3");
        await page.ExpectAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        // Enhanced navigation follows the switch's redirect and swaps the document without a load event, and the
        // address may already read /veelgestelde-vragen before it: waiting for a navigation event races. Wait for the
        // English page itself instead, then check where it is.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en", new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/veelgestelde-vragen$"));
        await page.ExpectAccessibleAsync();
        await page.GotoAsync("/inloggen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
    }

    private static async Task LogInAsync(IPage page, TestAccount account, string code)
    {
        await page.GotoAsync($"/inloggen/{account.PortalSlug}");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
