using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Settings;

/// <summary>
/// The settings end to end in Chromium: a real SMTP server on loopback receives the notifications, every browser
/// context is a device of its own, and the authenticator apps are <see cref="AuthenticatorApp"/>s that never hand
/// out a code twice.
/// </summary>
public sealed class SettingsBrowserTests : MailingBrowserTest
{
    private const string NewPassword = "Fietsen langs de Zwette en de Kanaalweg";

    [Fact]
    public async Task SignOutEverywhereElseEndsTheSessionOfTheOtherBrowser()
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var here = await Browser.NewPageAsync();
        await LogInAsync(here, account, account.Password, await app.NextCodeAsync());
        var elsewhere = await Browser.NewPageAsync();
        await LogInAsync(elsewhere, account, account.Password, await app.NextCodeAsync());

        await here.GotoAsync("/instellingen");
        await Assertions.Expect(here.GetByRole(AriaRole.Heading, new() { Name = "Instellingen", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(here.GetByText(account.Email)).ToBeVisibleAsync();
        await here.ExpectAccessibleAsync();
        await here.GetByRole(AriaRole.Link, new() { Name = "Inloggeschiedenis en sessies" }).ClickAsync();
        await here.WaitForURLAsync("**/instellingen/sessies");
        await Assertions.Expect(here.GetByTestId("active-session")).ToHaveCountAsync(2);
        await Assertions.Expect(here.GetByTestId("this-device")).ToHaveCountAsync(1);
        await Assertions.Expect(here.GetByTestId("history-row").First).ToContainTextAsync("Ingelogd");
        await here.ExpectAccessibleAsync();

        await here.GetByRole(AriaRole.Button, new() { Name = "Overal elders uitloggen" }).ClickAsync();

        await Assertions.Expect(here.GetByTestId("signed-out")).ToHaveTextAsync("U bent op 1 andere plek uitgelogd. U blijft hier ingelogd.");
        await Assertions.Expect(here.GetByTestId("active-session")).ToHaveCountAsync(1);
        await here.ExpectAccessibleAsync();
        await elsewhere.GotoAsync("/mijn-overzicht");
        await elsewhere.WaitForURLAsync("**/inloggen?ReturnUrl=*");
        await here.GotoAsync("/mijn-overzicht");
        await Assertions.Expect(here.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ReplacedAuthenticatorMovesTheLoginFromTheOldAppToTheNewOne()
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var oldApp = new AuthenticatorApp(account.Secret!);
        var page = await Browser.NewPageAsync();
        await LogInAsync(page, account, account.Password, await oldApp.NextCodeAsync());

        await page.GotoAsync("/instellingen/authenticator");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Code van 6 cijfers uit de oude app").FillAsync(await oldApp.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync();
        Assert.StartsWith("data:image/png;base64,", await page.GetByTestId("qr-code").GetAttributeAsync("src"));
        var key = (await page.GetByTestId("secret-key").InnerTextAsync()).Trim();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);
        var newApp = new AuthenticatorApp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal)));
        await page.ExpectAccessibleAsync();

        // Until the new app is confirmed, the old one still logs in (here on a second device).
        var meanwhile = await Browser.NewPageAsync();
        await LogInAsync(meanwhile, account, account.Password, await oldApp.NextCodeAsync());

        await page.GetByLabel("Code van 6 cijfers uit de nieuwe app").FillAsync(await newApp.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe app bevestigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw nieuwe authenticator-app is gekoppeld.");
        await page.ExpectAccessibleAsync();

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));
        Assert.Equal("Uw inloggegevens zijn gewijzigd", mail.Subject);
        Assert.Contains("de authenticator-app van uw account gewijzigd", mail.TextBody, StringComparison.Ordinal);

        // The old app's next code, for a step the portal has not accepted yet, no longer logs in; the new app's does.
        var later = await Browser.NewPageAsync();
        await PasswordStepAsync(later, account, account.Password);
        await later.GetByLabel("Code van 6 cijfers").FillAsync(await oldApp.NextCodeAsync(after: newApp.LastStep));
        await later.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze code klopt niet");
        Assert.EndsWith("/inloggen/code", later.Url, StringComparison.Ordinal);
        await later.GetByLabel("Code van 6 cijfers").FillAsync(await newApp.NextCodeAsync());
        await later.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await later.WaitForURLAsync("**/mijn-overzicht");
    }

    [Fact]
    public async Task ChangedPasswordLogsInAndTheOfferSignsOutTheOtherDevice()
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var page = await Browser.NewPageAsync();
        await LogInAsync(page, account, account.Password, await app.NextCodeAsync());
        var elsewhere = await Browser.NewPageAsync();
        await LogInAsync(elsewhere, account, account.Password, await app.NextCodeAsync());

        await page.GotoAsync("/instellingen/wachtwoord");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Huidig wachtwoord", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByLabel("Code van 6 cijfers", new() { Exact = true }).FillAsync(await app.NextCodeAsync());
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Herhaal het wachtwoord", new() { Exact = true }).FillAsync(NewPassword + " ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).ClickAsync();
        // A typo in the repeat changes nothing and uses up nothing; the form asks again.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("De twee wachtwoorden zijn niet gelijk. Vul ze opnieuw in.");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Huidig wachtwoord", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByLabel("Code van 6 cijfers", new() { Exact = true }).FillAsync(await app.NextCodeAsync());
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Herhaal het wachtwoord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw wachtwoord is gewijzigd.");
        await page.ExpectAccessibleAsync();

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));
        Assert.Contains("het wachtwoord van uw account gewijzigd", mail.TextBody, StringComparison.Ordinal);

        // The other device stays logged in until the customer takes up the offer.
        await elsewhere.GotoAsync("/mijn-overzicht");
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
        await page.GetByTestId("sign-out-offer").GetByRole(AriaRole.Button, new() { Name = "Overal elders uitloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/instellingen/sessies");
        await Assertions.Expect(page.GetByTestId("signed-out")).ToHaveTextAsync("U bent op 1 andere plek uitgelogd. U blijft hier ingelogd.");
        await elsewhere.GotoAsync("/mijn-overzicht");
        await elsewhere.WaitForURLAsync("**/inloggen?ReturnUrl=*");

        var fresh = await Browser.NewPageAsync();
        await fresh.GotoAsync(account.LoginPath);
        await fresh.GetByLabel("E-mailadres").FillAsync(account.Email);
        await fresh.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await fresh.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(fresh.GetByRole(AriaRole.Alert)).ToContainTextAsync("Het e-mailadres of wachtwoord klopt niet.");
        await LogInAsync(fresh, account, NewPassword, await app.NextCodeAsync());
    }

    private static async Task PasswordStepAsync(IPage page, TestAccount account, string password)
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
    }

    private static async Task LogInAsync(IPage page, TestAccount account, string password, string code)
    {
        await PasswordStepAsync(page, account, password);
        await page.GetByLabel("Code van 6 cijfers").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
    }
}
