using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Freeze;

/// <summary>
/// "Dit was ik niet" end to end in Chromium: the password-change mail arrives at a real SMTP server on loopback, its
/// link (built on Avero:PublicBaseUrl) opened in another browser freezes the account, and the open session ends.
/// </summary>
public sealed partial class FreezeBrowserTests : MailingBrowserTest
{
    private const string NewPassword = "Iemand anders koos dit wachtwoord";

    [Fact]
    public async Task TheFreezeLinkFromTheMailEndsTheOpenSessionAndTheLoginThenPointsToTheSupportdesk()
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var intruder = await Browser.NewPageAsync();
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

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == account.Email), TimeSpan.FromSeconds(15));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.GetLeftPart(UriPartial.Authority) + "/dit-was-ik-niet?token=", link, StringComparison.Ordinal);
        Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);

        var customer = await Browser.NewPageAsync();
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

        // The Supportdesk finds the frozen account in its list and lifts the block after verifying the caller.
        var agent = await Browser.Portal.CreateStaffAsync();
        var desk = await Browser.NewPageAsync();
        await desk.GotoAsync("/support/inloggen");
        await desk.GetByLabel("E-mailadres").FillAsync(agent.Email);
        await desk.GetByLabel("Wachtwoord").FillAsync(agent.Password);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await desk.WaitForURLAsync("**/inloggen/code");
        await desk.GetByLabel("Code van 6 cijfers").FillAsync(agent.Code());
        await desk.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await desk.WaitForURLAsync("**/support");
        await desk.GotoAsync("/support/geblokkeerd");
        await desk.WaitForInteractiveAsync();
        await Assertions.Expect(desk.GetByTestId("frozen-account").Filter(new() { HasText = account.Email })).ToBeVisibleAsync();
        await desk.ExpectAccessibleAsync();
        await desk.GetByTestId("frozen-account").Filter(new() { HasText = account.Email }).ClickAsync();
        await desk.WaitForURLAsync("**/support/klant/*");
        await desk.WaitForInteractiveAsync();
        await desk.ExpectAccessibleAsync();
        await desk.GetByTestId("unfreeze").ClickAsync();
        var dialog = desk.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?").FillAsync("geboortedatum + polisnummer");
        await dialog.GetByLabel("Reden").FillAsync("klant belde na de e-mail");
        await dialog.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("action-result")).ToContainTextAsync("De blokkade is opgeheven");
        await desk.GotoAsync("/support/geblokkeerd");
        await Assertions.Expect(desk.GetByTestId("frozen-account").Filter(new() { HasText = account.Email })).ToHaveCountAsync(0);

        // Lifted: the login goes on to the code step again (the agent also unlinks the app or has the password reset as needed).
        await intruder.GotoAsync(account.LoginPath);
        await intruder.GetByLabel("E-mailadres").FillAsync(account.Email);
        await intruder.GetByLabel("Wachtwoord").FillAsync(NewPassword);
        await intruder.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await intruder.WaitForURLAsync("**/inloggen/code");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
