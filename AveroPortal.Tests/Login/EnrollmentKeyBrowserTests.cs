using Microsoft.Playwright;

namespace AveroPortal.Tests.Login;

/// <summary>The enrolment page on the phone that shows it: a link into the authenticator app instead of a QR code to scan.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EnrollmentKeyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.ExpectNoContentSecurityViolationsAsync();

    private async Task<IPage> AtTheEnrolmentAsync(int width)
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: false);
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, 667);
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/koppelen");
        return page;
    }

    [Fact]
    public async Task APhoneGetsTheOpenInAppLinkWithTheShownKey()
    {
        var page = await AtTheEnrolmentAsync(375);

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Open in uw authenticator-app" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var key = (await page.GetByTestId("secret-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(key, new Uri((await link.GetAttributeAsync("href"))!).QueryValue("secret"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the enrolment page is wider than the phone");
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task ADesktopShowsTheQrCodeAndTheKeyWithoutTheLink()
    {
        var page = await AtTheEnrolmentAsync(1280);

        await Assertions.Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("secret-key")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("otpauth-link")).ToBeHiddenAsync();
    }
}
