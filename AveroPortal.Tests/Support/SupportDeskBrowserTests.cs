using System.Text.RegularExpressions;
using AveroPortal.Core.Login;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Support;

/// <summary>
/// The support desk end to end: a real SMTP server on loopback receives the portal's mail, an agent and a customer
/// each have their own browser.
/// </summary>
public sealed partial class SupportDeskBrowserTests : MailingBrowserTest
{
    // Open pages re-check their session every second, so an ended session shows quickly.
    protected override (string Key, string Value)[] PortalSettings => [("Avero:Security:SessionRevalidationSeconds", "1")];

    [Fact]
    public async Task AnAgentUnlinksTheAuthenticatorAndTheCustomerEnrollsAgain()
    {
        var customer = await Browser.Portal.CreateAccountAsync(enrolled: true);
        var agent = await Browser.Portal.CreateStaffAsync();

        var customerPage = await Browser.NewPageAsync();
        await LogInAsync(customerPage, customer, customer.Code());
        await customerPage.WaitForURLAsync("**/mijn-overzicht");
        await customerPage.WaitForInteractiveAsync();

        var agentPage = await Browser.NewPageAsync();
        await agentPage.GotoAsync("/support");
        await agentPage.WaitForURLAsync("**/support/inloggen?ReturnUrl=*");
        await LogInAsync(agentPage, agent, agent.Code(), navigate: false);
        await agentPage.WaitForURLAsync("**/support");
        await agentPage.WaitForInteractiveAsync();
        await agentPage.ExpectAccessibleAsync();

        await agentPage.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer").FillAsync(customer.Email);
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await agentPage.GetByTestId("search-hit").First.ClickAsync();
        await agentPage.WaitForURLAsync("**/support/klant/*");
        await agentPage.WaitForInteractiveAsync();
        await Assertions.Expect(agentPage.GetByTestId("authenticator-status")).ToContainTextAsync("Gekoppeld op");
        await agentPage.ExpectAccessibleAsync();

        await agentPage.GetByTestId("unlink").ClickAsync();
        var dialog = agentPage.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?").FillAsync("geboortedatum + polisnummer");
        await dialog.GetByLabel("Reden").FillAsync("nieuwe telefoon");
        await agentPage.ExpectAccessibleAsync();
        await dialog.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(agentPage.GetByTestId("action-result")).ToContainTextAsync("ontkoppeld");
        await Assertions.Expect(agentPage.GetByTestId("authenticator-status")).ToContainTextAsync("Niet gekoppeld");
        await Assertions.Expect(agentPage.GetByTestId("audit-row").First).ToContainTextAsync("geboortedatum + polisnummer");

        // The customer's open page loses its session without the customer doing anything.
        await customerPage.WaitForURLAsync("**/inloggen?ReturnUrl=*", new() { Timeout = 15_000 });

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == customer.Email), TimeSpan.FromSeconds(15));
        Assert.Equal("Uw authenticator-app is ontkoppeld", mail.Subject);
        Assert.Contains("058 297 72 34", mail.TextBody, StringComparison.Ordinal);

        // The next login shows a fresh QR code with a new key, and the new key works.
        await customerPage.GotoAsync("/inloggen/particulier");
        await customerPage.GetByLabel("E-mailadres").FillAsync(customer.Email);
        await customerPage.GetByLabel("Wachtwoord").FillAsync(customer.Password);
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await customerPage.WaitForURLAsync("**/inloggen/koppelen");
        var newSecret = await EnrollAsync(customerPage);
        Assert.NotEqual(customer.Secret, newSecret);
        await customerPage.GetByTestId("recovery-continue").ClickAsync();
        await customerPage.WaitForURLAsync("**/mijn-overzicht");
    }

    [Fact]
    public async Task TheAccountCreationLinkCreatesAWorkingAccountOnce()
    {
        var customerId = await Browser.Portal.CreateCustomerAsync("Overstapper");
        var agent = await Browser.Portal.CreateStaffAsync();
        var email = $"idin-{Guid.NewGuid():N}@example.com";

        var agentPage = await Browser.NewPageAsync();
        await LogInAsync(agentPage, agent, agent.Code());
        await agentPage.WaitForURLAsync("**/support");
        await agentPage.WaitForInteractiveAsync();
        await agentPage.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer").FillAsync("Overstapper");
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await agentPage.Locator($"a[href='/support/klant/{customerId}']").ClickAsync();
        await agentPage.WaitForURLAsync($"**/support/klant/{customerId}");
        await agentPage.WaitForInteractiveAsync();
        await agentPage.GetByTestId("send-account-link").ClickAsync();
        var dialog = agentPage.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mailadres van de klant").FillAsync(email);
        await dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?").FillAsync("geboortedatum + adres");
        await dialog.GetByLabel("Reden").FillAsync("wil overstappen van iDIN");
        await dialog.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(agentPage.GetByTestId("link-result")).ToContainTextAsync("verstuurd");

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == email), TimeSpan.FromSeconds(15));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.ToString(), link, StringComparison.Ordinal);

        var customerPage = await Browser.NewPageAsync();
        await customerPage.GotoAsync(link);
        await customerPage.ExpectAccessibleAsync();
        await customerPage.GetByLabel("Nieuw wachtwoord").FillAsync("Fietsen-langs-de-Zwette");
        await customerPage.GetByLabel("Herhaal het wachtwoord").FillAsync("Fietsen-langs-de-Zwette");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await customerPage.WaitForURLAsync("**/inloggen/koppelen");
        await EnrollAsync(customerPage);
        await customerPage.GetByTestId("recovery-continue").ClickAsync();
        await customerPage.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(customerPage.GetByText("Overstapper").First).ToBeVisibleAsync();

        // The account is tied to the same customer and the link is spent.
        var account = await Browser.Portal.Get<AccountRepository>().FindByEmailAsync(email);
        Assert.Equal(customerId, account!.CustomerId);
        var again = await Browser.NewPageAsync();
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("link-error")).ToContainTextAsync("al gebruikt");
        await again.ExpectAccessibleAsync();
    }

    private static async Task LogInAsync(IPage page, TestAccount account, string code, bool navigate = true)
    {
        if (navigate)
        {
            await page.GotoAsync(account.LoginPath);
        }

        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    private static async Task<byte[]> EnrollAsync(IPage page)
    {
        var key = await page.GetByTestId("secret-key").InnerTextAsync();
        var secret = Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));
        await page.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelen en inloggen" }).ClickAsync();
        return secret;
    }

    [GeneratedRegex(@"https?://\S+account-aanmaken\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
