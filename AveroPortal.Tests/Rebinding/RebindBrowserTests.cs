using System.Text.RegularExpressions;
using AveroPortal.Core.Login;
using AveroPortal.Tests.Idin;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Rebinding;

/// <summary>
/// Re-binding a lost authenticator end to end in Chromium: the password step, the code step's link, the bank choice,
/// the npm oidc-provider peer as the bank, the new QR enrollment read off the page, new recovery codes, the mail at a
/// real SMTP server on loopback, and an older session of the account that has ended.
/// </summary>
public sealed partial class RebindBrowserTests : MailingBrowserTest
{
    private OidcProviderPeer _peer = default!;

    private protected override async Task<IReadOnlyDictionary<string, string>> StartPeersAsync(int portalPort)
    {
        _peer = await IdinPeerPeople.StartPeerAsync(portalPort);
        return IdinPeerPeople.PortalSettings(_peer);
    }

    private protected override async Task StopPeersAsync() => await _peer.DisposeAsync();

    /// <summary>Jan de Vries, the customer the peer's matching person confirms.</summary>
    private async Task<long> JanAsync() => (await IdinPeerPeople.AddCustomersAsync(Browser.Portal)).Jan;

    private static async Task PasswordAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
    }

    /// <summary>From the code step through the explanation and the bank choice to the bank's (the peer's) login page.</summary>
    private static async Task AtTheBankAsync(IPage page)
    {
        await page.GetByTestId("rebind-link").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/authenticator-kwijt");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("ING", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("idin-start").ClickAsync();
        await page.Locator("#login").WaitForAsync();
    }

    [Fact]
    public async Task AMatchingPersonReBindsWithANewQrCodeGetsNewRecoveryCodesAndAMailAndTheOlderSessionEnds()
    {
        var account = await Browser.Portal.CreateAccountAsync(customerId: await JanAsync());
        var older = await Browser.NewPageAsync();
        await PasswordAsync(older, account);
        await older.GetByLabel("Code van 6 cijfers").FillAsync(await new AuthenticatorApp(account.Secret!).NextCodeAsync());
        await older.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await older.WaitForURLAsync("**/mijn-overzicht");

        var page = await Browser.NewPageAsync();
        await PasswordAsync(page, account);
        await AtTheBankAsync(page);
        await page.Locator("#login").FillAsync("jan");
        await page.Locator("#submit").ClickAsync();

        await page.WaitForURLAsync("**/inloggen/koppelen");
        await page.ExpectAccessibleAsync();
        var key = await page.GetByTestId("secret-key").InnerTextAsync();
        var secret = Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));
        Assert.NotEqual(account.Secret, secret);
        await page.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelen en inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.ExpectAccessibleAsync();
        await page.GetByTestId("recovery-continue").ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email)
            && (m.Subject ?? "").Contains("losgekoppeld", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains("Dit was ik niet", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith(Browser.BaseUrl.GetLeftPart(UriPartial.Authority) + "/dit-was-ik-niet?token=",
            LinkPattern().Match(mail.TextBody ?? "").Value, StringComparison.Ordinal);

        await older.GotoAsync("/mijn-overzicht");
        await older.WaitForURLAsync("**/inloggen?ReturnUrl=*");
    }

    [Fact]
    public async Task AnotherPersonAtTheBankGetsTheRefusalPageWithTheSupportdeskAndKeepsTheOldApp()
    {
        var account = await Browser.Portal.CreateAccountAsync(customerId: await JanAsync());
        var page = await Browser.NewPageAsync();
        await PasswordAsync(page, account);
        await AtTheBankAsync(page);
        await page.Locator("#login").FillAsync("klaas");
        await page.Locator("#submit").ClickAsync();

        await page.WaitForURLAsync("**/inloggen/authenticator-kwijt/geweigerd");
        await Assertions.Expect(page.GetByTestId("rebind-result")).ToContainTextAsync("Er is niets veranderd");
        await Assertions.Expect(page.GetByTestId("rebind-support")).ToContainTextAsync("058 297 72 34");
        await page.ExpectAccessibleAsync();
        // The old app still works at the code step.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de code uit de app" }).ClickAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(await new AuthenticatorApp(account.Secret!).NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
    }

    [Fact]
    public async Task CancellingAtTheBankShowsTheCancelPageWithTheSupportdesk()
    {
        var account = await Browser.Portal.CreateAccountAsync(customerId: await JanAsync());
        var page = await Browser.NewPageAsync();
        await PasswordAsync(page, account);
        await AtTheBankAsync(page);
        await page.Locator("#cancel").ClickAsync();

        await page.WaitForURLAsync("**/inloggen/authenticator-kwijt/afgebroken");
        await Assertions.Expect(page.GetByTestId("rebind-result")).ToContainTextAsync("Er is niets veranderd");
        await Assertions.Expect(page.GetByTestId("rebind-support")).ToContainTextAsync("058 297 72 34");
        await page.ExpectAccessibleAsync();
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
