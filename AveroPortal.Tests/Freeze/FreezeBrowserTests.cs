using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Freeze;

/// <summary>
/// "Dit was ik niet" end to end in Chromium: the password-change mail arrives at a real SMTP server on loopback, its
/// link (built on Avero:PublicBaseUrl) opened in another browser freezes the account, and the open session ends.
/// </summary>
public sealed partial class FreezeBrowserTests : IAsyncLifetime
{
    private const string NewPassword = "Iemand anders koos dit wachtwoord";

    private TestSmtpServer _smtp = default!;
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        var port = PortalFactory.FreePort();
        _browser = new BrowserFixture(new PortalFactory
        {
            Settings = _smtp.PortalSettings(("Avero:PublicBaseUrl", $"http://127.0.0.1:{port}/")),
        }, port);
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _browser.DisposeAsync();
        }
        finally
        {
            await _smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheFreezeLinkFromTheMailEndsTheOpenSessionAndTheLoginThenPointsToTheSupportdesk()
    {
        var account = await _browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var intruder = await _browser.NewPageAsync();
        await intruder.GotoAsync(account.LoginPath);
        await intruder.GetByLabel("E-mailadres").FillAsync(account.Email);
        await intruder.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await intruder.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await intruder.WaitForURLAsync("**/inloggen/code");
        await intruder.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await intruder.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await intruder.WaitForURLAsync("**/mijn-overzicht");
        await intruder.GotoAsync("/instellingen/wachtwoord");
        await intruder.GetByLabel("Huidig wachtwoord", new() { Exact = true }).FillAsync(account.Password);
        await intruder.GetByLabel("Code van 6 cijfers", new() { Exact = true }).FillAsync(await app.NextCodeAsync());
        await intruder.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await intruder.GetByLabel("Herhaal het wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await intruder.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).ClickAsync();
        await Assertions.Expect(intruder.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw wachtwoord is gewijzigd.");

        var mail = await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(_browser.BaseUrl.GetLeftPart(UriPartial.Authority) + "/dit-was-ik-niet?token=", link, StringComparison.Ordinal);
        Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);

        var customer = await _browser.NewPageAsync();
        await customer.GotoAsync(link);
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Dit was ik niet", Level = 1 })).ToBeVisibleAsync();
        await customer.ExpectAccessibleAsync();
        // Opening the link asked only: the intruder is still in.
        await intruder.GotoAsync("/mijn-overzicht");
        await Assertions.Expect(intruder.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();

        await customer.GetByRole(AriaRole.Button, new() { Name = "Blokkeer mijn account" }).ClickAsync();

        await Assertions.Expect(customer.GetByTestId("freeze-done")).ToContainTextAsync("Uw account is geblokkeerd.");
        await customer.ExpectAccessibleAsync();
        await intruder.GotoAsync("/mijn-overzicht");
        await intruder.WaitForURLAsync("**/inloggen?ReturnUrl=*");
        await intruder.GotoAsync(account.LoginPath);
        await intruder.GetByLabel("E-mailadres").FillAsync(account.Email);
        await intruder.GetByLabel("Wachtwoord").FillAsync(NewPassword);
        await intruder.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(intruder.GetByTestId("login-error")).ToContainTextAsync("Uw account is geblokkeerd");
        await intruder.ExpectAccessibleAsync();
        await customer.GotoAsync(link);
        await Assertions.Expect(customer.GetByTestId("freeze-invalid")).ToContainTextAsync("Deze link werkt niet (meer)");
        await customer.ExpectAccessibleAsync();
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
