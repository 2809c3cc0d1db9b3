using System.Text.RegularExpressions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// Colleagues end to end: the company's administrator invites, revokes and re-activates, the mail arrives at a real
/// SMTP server on loopback, and the colleague acts in a browser of their own; a colleague without the role only reads;
/// the Supportdesk makes a colleague administrator.
/// </summary>
public sealed partial class ColleaguesBrowserTests : MailingBrowserTest
{
    // Open pages re-check their session every second, so a revoked colleague's page ends quickly.
    protected override (string Key, string Value)[] PortalSettings => [("Avero:Security:SessionRevalidationSeconds", "1")];

    private const string ColleaguePassword = "Koffie-in-de-kantine-om-tien";
    private const string NewPassword = "Terug-van-weggeweest-met-thee";

    [Fact]
    public async Task AnInvitedColleagueCreatesAnAccountAndTheSixthIsRefused()
    {
        var owner = await Browser.Portal.CreateAccountAsync(Portals.Business);
        await Browser.Portal.Get<Db>().MakeAdministratorAsync(owner.Id);
        var colleagueEmail = $"collega-{Guid.NewGuid():N}@example.com";

        var ownerPage = await Browser.NewPageAsync();
        await LogInAsync(ownerPage, owner.Email, owner.Password, owner.Code());
        await ownerPage.WaitForURLAsync("**/mijn-overzicht");
        await ownerPage.GotoAsync("/collegas");
        await Assertions.Expect(ownerPage.GetByRole(AriaRole.Heading, new() { Name = "Collega's", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("1 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("admin-badge")).ToHaveTextAsync("Beheerder");
        await ownerPage.ExpectAccessibleAsync();

        await InviteAsync(ownerPage, colleagueEmail, "Carla Collega");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-result")).ToContainTextAsync($"De uitnodiging is verstuurd naar {colleagueEmail}");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("2 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("invitation-row")).ToContainTextAsync("Carla Collega");
        await ownerPage.ExpectAccessibleAsync();

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == colleagueEmail), TimeSpan.FromSeconds(15));
        Assert.Equal("U bent uitgenodigd voor Mijn Avéro Achmea Bedrijven", mail.Subject);
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.ToString(), link, StringComparison.Ordinal);

        var colleaguePage = await Browser.NewPageAsync();
        await colleaguePage.GotoAsync(link);
        await Assertions.Expect(colleaguePage.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Account opnieuw activeren");
        await SetPasswordAsync(colleaguePage, ColleaguePassword, "Account aanmaken");
        await EnrollAsync(colleaguePage);
        await colleaguePage.GetByTestId("recovery-continue").ClickAsync();
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");

        // Three more fill the company up to five; the sixth is refused with the ways out.
        await ownerPage.GotoAsync("/collegas");
        await Assertions.Expect(ownerPage.GetByTestId("account-row").Filter(new() { HasText = colleagueEmail })).ToContainTextAsync("Actief");
        for (var i = 3; i <= 5; i++)
        {
            await InviteAsync(ownerPage, $"extra{i}-{Guid.NewGuid():N}@example.com", $"Extra {i}");
            await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync($"{i} van 5 accounts in gebruik");
        }

        await InviteAsync(ownerPage, $"zesde-{Guid.NewGuid():N}@example.com", "Zesde");
        var refusal = ownerPage.GetByTestId("colleagues-result");
        await Assertions.Expect(refusal).ToContainTextAsync("al 5 accounts in gebruik");
        await Assertions.Expect(refusal).ToContainTextAsync("eHerkenning");
        await Assertions.Expect(ownerPage.GetByTestId("invitation-row")).ToHaveCountAsync(3);
        await ownerPage.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task AnAdministratorRevokesAColleagueWhoComesBackThroughTheMailedLinkWithANewAuthenticator()
    {
        var owner = await Browser.Portal.CreateAccountAsync(Portals.Business);
        await Browser.Portal.Get<Db>().MakeAdministratorAsync(owner.Id);
        var companyId = (await Browser.Portal.AccountAsync(owner.Id)).CompanyId!.Value;
        var colleague = await Browser.Portal.CreateAccountAsync(Portals.Business, companyId: companyId, displayName: "Carla Collega",
            email: $"carla-{Guid.NewGuid():N}@example.com");

        var colleaguePage = await Browser.NewPageAsync();
        await LogInAsync(colleaguePage, colleague.Email, colleague.Password, colleague.Code());
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");
        await colleaguePage.WaitForInteractiveAsync();

        var ownerPage = await Browser.NewPageAsync();
        await LogInAsync(ownerPage, owner.Email, owner.Password, owner.Code());
        await ownerPage.WaitForURLAsync("**/mijn-overzicht");
        await ownerPage.GotoAsync("/collegas");
        var row = ownerPage.GetByTestId("account-row").Filter(new() { HasText = colleague.Email });

        // Revoking asks first, then ends the colleague's open page without them doing anything.
        await row.GetByTestId("revoke-account").ClickAsync();
        await Assertions.Expect(row.GetByText("kan daarna niet meer inloggen")).ToBeVisibleAsync();
        await ownerPage.ExpectAccessibleAsync();
        await row.GetByTestId("confirm-revoke").ClickAsync();
        await ownerPage.WaitForURLAsync("**/collegas");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-result")).ToContainTextAsync("Het account van Carla Collega is ingetrokken");
        await Assertions.Expect(row).ToContainTextAsync("Ingetrokken");
        await colleaguePage.WaitForURLAsync("**/inloggen?ReturnUrl=*", new() { Timeout = 15_000 });

        // Re-activation sends a new link to the same address; while open it holds a seat.
        await row.GetByRole(AriaRole.Button, new() { Name = "Account van Carla Collega opnieuw activeren" }).ClickAsync();
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-result")).ToContainTextAsync($"Carla Collega krijgt een e-mail op {colleague.Email}");
        await Assertions.Expect(ownerPage.GetByTestId("reactivation-marker")).ToBeVisibleAsync();
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("2 van 5 accounts in gebruik");
        await ownerPage.ExpectAccessibleAsync();

        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == colleague.Email)
            && LinkPattern().IsMatch(m.TextBody ?? ""), TimeSpan.FromSeconds(15));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.ToString(), link, StringComparison.Ordinal);

        await colleaguePage.GotoAsync(link);
        await Assertions.Expect(colleaguePage.GetByRole(AriaRole.Heading, new() { Name = "Account opnieuw activeren", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(colleaguePage.GetByTestId("reactivation-intro")).ToContainTextAsync("werken niet meer");
        await colleaguePage.ExpectAccessibleAsync();
        await SetPasswordAsync(colleaguePage, NewPassword, "Account opnieuw activeren");
        var newSecret = await EnrollAsync(colleaguePage);
        Assert.NotEqual(colleague.Secret, newSecret);
        await colleaguePage.GetByTestId("recovery-continue").ClickAsync();
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");
        await colleaguePage.WaitForInteractiveAsync();
        // As the other log-out tests do: the signed-in page itself is shown before its button is pressed.
        await Assertions.Expect(colleaguePage.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();

        // Out and in again with the new password and the new app (a code of the next time step).
        await colleaguePage.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await colleaguePage.WaitForURLAsync("**/?uitgelogd=1");
        await LogInAsync(colleaguePage, colleague.Email, NewPassword, TotpPolicy.ComputeCode(newSecret, DateTimeOffset.UtcNow.AddSeconds(TotpPolicy.StepSeconds)));
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");
        Assert.False(await Browser.Portal.Get<ColleagueAdministration>().IsAdministratorAsync(colleague.Id));

        // The administrator's list and audit tell the story, newest first.
        await ownerPage.GotoAsync("/collegas");
        await Assertions.Expect(row).ToContainTextAsync("Actief");
        var audit = ownerPage.GetByTestId("company-audit-row");
        await Assertions.Expect(audit.Nth(0)).ToContainTextAsync("Account opnieuw geactiveerd");
        await Assertions.Expect(audit.Nth(1)).ToContainTextAsync("Link voor opnieuw activeren verstuurd");
        await Assertions.Expect(audit.Nth(2)).ToContainTextAsync("Account ingetrokken");
        await ownerPage.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task AColleagueWithoutTheRoleSeesNoActionButtons()
    {
        var owner = await Browser.Portal.CreateAccountAsync(Portals.Business);
        await Browser.Portal.Get<Db>().MakeAdministratorAsync(owner.Id);
        var companyId = (await Browser.Portal.AccountAsync(owner.Id)).CompanyId!.Value;
        var colleague = await Browser.Portal.CreateAccountAsync(Portals.Business, companyId: companyId, displayName: "Carla Collega");

        var page = await Browser.NewPageAsync();
        await LogInAsync(page, colleague.Email, colleague.Password, colleague.Code());
        await page.WaitForURLAsync("**/mijn-overzicht");
        await page.GotoAsync("/collegas");

        await Assertions.Expect(page.GetByTestId("account-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("colleagues-administrators")).ToHaveTextAsync("Beheerder van uw bedrijf: Tessa van Test.");
        await Assertions.Expect(page.GetByTestId("colleagues-read-only")).ToBeVisibleAsync();
        // Nothing to press in the page itself but the log-out.
        await Assertions.Expect(page.Locator("main form:not([action='/uitloggen'])")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main summary")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("company-audit")).ToHaveCountAsync(0);
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task TheSupportdeskMakesAColleagueAdministrator()
    {
        var owner = await Browser.Portal.CreateAccountAsync(Portals.Business);
        await Browser.Portal.Get<Db>().MakeAdministratorAsync(owner.Id);
        var companyId = (await Browser.Portal.AccountAsync(owner.Id)).CompanyId!.Value;
        var colleague = await Browser.Portal.CreateAccountAsync(Portals.Business, companyId: companyId, displayName: "Carla Collega",
            email: $"carla-{Guid.NewGuid():N}@example.com");
        var agent = await Browser.Portal.CreateStaffAsync();

        var agentPage = await Browser.NewPageAsync();
        await agentPage.GotoAsync($"/support/bedrijf/{companyId}");
        await agentPage.WaitForURLAsync("**/support/inloggen?ReturnUrl=*");
        await agentPage.GetByLabel("E-mailadres").FillAsync(agent.Email);
        await agentPage.GetByLabel("Wachtwoord").FillAsync(agent.Password);
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await agentPage.WaitForURLAsync("**/inloggen/code");
        await agentPage.GetByLabel("Code van 6 cijfers").FillAsync(agent.Code());
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await agentPage.WaitForURLAsync($"**/support/bedrijf/{companyId}");
        await agentPage.WaitForInteractiveAsync();
        await Assertions.Expect(agentPage.GetByTestId("company-administrators")).ToHaveTextAsync("Tessa van Test");
        await agentPage.ExpectAccessibleAsync();

        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Carla Collega beheerder maken" }).ClickAsync();
        var dialog = agentPage.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?").FillAsync("KVK-uittreksel + terugbellen");
        await dialog.GetByLabel("Reden").FillAsync("enige beheerder is vertrokken");
        await agentPage.ExpectAccessibleAsync();
        await dialog.GetByTestId("confirm-action").ClickAsync();

        await Assertions.Expect(agentPage.GetByTestId("colleague-action-result")).ToContainTextAsync("Carla Collega is nu beheerder");
        await Assertions.Expect(agentPage.GetByTestId("company-colleague").Filter(new() { HasText = colleague.Email }).GetByTestId("admin-badge")).ToBeVisibleAsync();
        await Assertions.Expect(agentPage.GetByTestId("company-audit-row").First).ToContainTextAsync("Beheerder gemaakt");
        await Assertions.Expect(agentPage.GetByTestId("company-audit-row").First).ToContainTextAsync("Supportdesk");
        await agentPage.ExpectAccessibleAsync();
        Assert.True(await Browser.Portal.Get<ColleagueAdministration>().IsAdministratorAsync(colleague.Id));
        await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == colleague.Email), TimeSpan.FromSeconds(15));
    }

    private static async Task InviteAsync(IPage page, string email, string name)
    {
        await page.GetByLabel("E-mailadres van uw collega").FillAsync(email);
        await page.GetByLabel("Naam van uw collega").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging versturen" }).ClickAsync();
        await page.WaitForURLAsync("**/collegas");
    }

    private static async Task SetPasswordAsync(IPage page, string password, string button)
    {
        await page.GetByLabel("Nieuw wachtwoord").FillAsync(password);
        await page.GetByLabel("Herhaal het wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/koppelen");
    }

    private static async Task<byte[]> EnrollAsync(IPage page)
    {
        var key = await page.GetByTestId("secret-key").InnerTextAsync();
        var secret = Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));
        await page.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelen en inloggen" }).ClickAsync();
        return secret;
    }

    private static async Task LogInAsync(IPage page, string email, string password, string code)
    {
        await page.GotoAsync("/inloggen/zakelijk");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    [GeneratedRegex(@"https?://\S+account-aanmaken\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
