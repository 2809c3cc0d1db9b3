using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AveroPortal.Tests.PasswordReset;

/// <summary>Forgotten password end to end in Chromium, the link read from the mail the loopback SMTP server received; axe on every new page.</summary>
public sealed partial class PasswordResetBrowserTests : MailingBrowserTest
{
    private const string NewPassword = "Wandelen over het wad bij Moddergat";

    [Fact]
    public async Task ForgottenPasswordFromTheLoginPageThroughTheMailAndTheCodeToANewLogin()
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var page = await Browser.NewPageAsync();

        await page.GotoAsync(account.LoginPath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Wachtwoord vergeten?" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/particulier/wachtwoord-vergeten");
        // Enhanced navigation changes the address before it patches the page in: until the heading is there, the
        // login page's own "E-mailadres" field is still the one Playwright would fill.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wachtwoord vergeten", Level = 1 })).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link versturen" }).ClickAsync();
        await page.WaitForURLAsync("**/wachtwoord-vergeten/verstuurd");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Controleer uw e-mail", Level = 1 })).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));
        Assert.Equal("Nieuw wachtwoord instellen voor Mijn Avéro Achmea", mail.Subject);
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.AbsoluteUri, link, StringComparison.Ordinal);
        Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);

        await page.GotoAsync(link);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wachtwoord-herstellen" && new Uri(url).Query.Length == 0);
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Code controleren" }).ClickAsync();
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Herhaal het wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await page.WaitForURLAsync("**/wachtwoord-herstellen/klaar");
        await Assertions.Expect(page.GetByTestId("reset-done")).ToContainTextAsync("U bent overal uitgelogd");
        await page.ExpectAccessibleAsync();

        var notice = await Smtp.WaitForMessageAsync(m => m.Subject == "Uw wachtwoord is opnieuw ingesteld", TimeSpan.FromSeconds(15));
        Assert.Contains("overal uitgelogd", notice.TextBody, StringComparison.Ordinal);
        await page.GetByTestId("reset-login").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/particulier");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");

        // The link went into the cookie and out of the address bar: going back to it finds it used.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("link-error")).ToContainTextAsync("Deze link is al gebruikt");
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task WithoutThePhoneARecoveryCodeOnTheLinkLeadsToTheNewPassword()
    {
        var account = await Browser.Portal.CreateAccountAsync(Core.Login.Portals.Business);
        var codes = await Browser.Portal.Get<Core.Recovery.RecoveryCodeSet>().IssueAsync(account.Id);
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(account.LoginPath + "/wachtwoord-vergeten");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link versturen" }).ClickAsync();
        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));

        await page.GotoAsync(LinkPattern().Match(mail.TextBody ?? "").Value);
        await page.GetByText("Ik heb mijn telefoon niet bij me").ClickAsync();
        await page.GetByLabel("Herstelcode", new() { Exact = true }).FillAsync("ABCD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Herstelcode controleren" }).ClickAsync();
        // A wrong format: the disclosure stays open with its message, and the page passes axe in that state.
        await Assertions.Expect(page.GetByTestId("reset-recovery-error")).ToContainTextAsync("Een herstelcode bestaat uit 24 letters en cijfers");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Herstelcode", new() { Exact = true }).FillAsync(codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Herstelcode controleren" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reset-recovery-left")).ToContainTextAsync("nog 9 ongebruikte herstelcode");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Herhaal het wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await page.WaitForURLAsync("**/wachtwoord-herstellen/klaar");
        await Assertions.Expect(page.GetByTestId("reset-login")).ToHaveAttributeAsync("href", "/inloggen/zakelijk");
    }

    [GeneratedRegex(@"http://\S+/wachtwoord-herstellen/link\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
