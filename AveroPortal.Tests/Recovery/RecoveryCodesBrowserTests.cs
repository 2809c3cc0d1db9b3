using AveroPortal.Core.Recovery;
using AveroPortal.Tests.Login;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Recovery;

[Collection(BrowserCollection.Name)]
public sealed class RecoveryCodesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The fixture outlives this test: its Content-Security-Policy check runs after each test here.</summary>
    public Task DisposeAsync() => browser.ExpectNoContentSecurityViolationsAsync();

    [Fact]
    public async Task WithoutThePhoneTheCustomerLogsInWithARecoveryCodeAndIsToldHowManyAreLeft()
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: true);
        var codes = await browser.Portal.Get<RecoveryCodeSet>().IssueAsync(account.Id);
        var page = await browser.NewPageAsync();

        await PasswordStepAsync(page, account);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ik heb mijn telefoon niet bij me" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/herstelcode");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Herstelcode", new() { Exact = true }).FillAsync("  " + codes[2].ToLowerInvariant().Replace('-', ' '));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("recovery-left")).ToContainTextAsync("U heeft nog 9 ongebruikte herstelcodes");
        await page.ExpectAccessibleAsync();
        await page.GetByTestId("recovery-continue").ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText(account.Email)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("recovery-low")).ToHaveCountAsync(0);
        Assert.Equal(9, await browser.Portal.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
    }

    [Fact]
    public async Task ACustomerWithFewCodesLeftIsWarnedAndMakesANewSetInTheSettings()
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: true);
        var page = await browser.NewPageAsync();

        // No codes at all (an account enrolled before recovery codes existed): the overview warns.
        await PasswordStepAsync(page, account);
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByTestId("recovery-low")).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();

        await page.GotoAsync("/instellingen/herstelcodes");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code(1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe herstelcodes aanmaken" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.ExpectAccessibleAsync();
        var shown = await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync();
        var download = await page.GetByTestId("recovery-download").GetAttributeAsync("href");
        Assert.StartsWith("data:text/plain;charset=utf-8,", download);
        Assert.All(shown, code => Assert.Contains(code.Trim(), Uri.UnescapeDataString(download!)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Kopiëren" }).ClickAsync();
        Assert.Equal(10, await browser.Portal.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
    }

    private static async Task PasswordStepAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync($"/inloggen/{account.PortalSlug}");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
    }
}
