using System.Text.RegularExpressions;
using AveroPortal.Core.Login;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// Colleagues end to end: a business customer invites a colleague, the mail arrives at a real SMTP server on
/// loopback, and the colleague creates their account in a browser of their own.
/// </summary>
public sealed partial class ColleaguesBrowserTests : MailingBrowserTest
{
    // Open pages re-check their session every second, so a revoked colleague's page ends quickly.
    protected override (string Key, string Value)[] PortalSettings => [("Avero:Security:SessionRevalidationSeconds", "1")];

    private const string ColleaguePassword = "Koffie-in-de-kantine-om-tien";

    [Fact]
    public async Task AnInvitedColleagueCreatesAnAccountTheSixthIsRefusedAndRevokingEndsTheColleaguesSession()
    {
        var owner = await Browser.Portal.CreateAccountAsync(Portals.Business);
        var colleagueEmail = $"collega-{Guid.NewGuid():N}@example.com";

        var ownerPage = await Browser.NewPageAsync();
        await LogInAsync(ownerPage, owner.Email, owner.Password, owner.Code());
        await ownerPage.WaitForURLAsync("**/mijn-overzicht");
        await OpenColleaguesAsync(ownerPage);
        await Assertions.Expect(ownerPage.GetByRole(AriaRole.Heading, new() { Name = "Collega's", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("1 van 5 accounts in gebruik");
        await ownerPage.ExpectAccessibleAsync();

        await InviteAsync(ownerPage, colleagueEmail, "Carla Collega");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-result")).ToContainTextAsync($"De uitnodiging is verstuurd naar {colleagueEmail}");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("2 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("invitation-row")).ToContainTextAsync("Carla Collega");
        await ownerPage.ExpectAccessibleAsync();

        // The colleague opens the mailed link in a browser of their own.
        var mail = await Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == colleagueEmail), TimeSpan.FromSeconds(15));
        Assert.Equal("U bent uitgenodigd voor Mijn Avéro Achmea Bedrijven", mail.Subject);
        Assert.Contains("Tessa van Test heeft u uitgenodigd", mail.TextBody, StringComparison.Ordinal);
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(Browser.BaseUrl.ToString(), link, StringComparison.Ordinal);

        var colleaguePage = await Browser.NewPageAsync();
        await colleaguePage.GotoAsync(link);
        await colleaguePage.GetByLabel("Nieuw wachtwoord").FillAsync(ColleaguePassword);
        await colleaguePage.GetByLabel("Herhaal het wachtwoord").FillAsync(ColleaguePassword);
        await colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await colleaguePage.WaitForURLAsync("**/inloggen/koppelen");
        var key = await colleaguePage.GetByTestId("secret-key").InnerTextAsync();
        var secret = Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));
        await colleaguePage.GetByLabel("Code van 6 cijfers").FillAsync(TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow));
        await colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Koppelen en inloggen" }).ClickAsync();
        await colleaguePage.GetByTestId("recovery-continue").ClickAsync();
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(colleaguePage.GetByText(colleagueEmail)).ToBeVisibleAsync();
        // A click while the circuit takes over the prerendered page can get lost; click once it has.
        await colleaguePage.WaitForInteractiveAsync();

        // Out and in again: password and a code of the next time step (the enrolment used this one).
        await colleaguePage.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await colleaguePage.WaitForURLAsync("**/?uitgelogd=1");
        await LogInAsync(colleaguePage, colleagueEmail, ColleaguePassword,
            TotpPolicy.ComputeCode(secret, DateTimeOffset.UtcNow.AddSeconds(TotpPolicy.StepSeconds)));
        await colleaguePage.WaitForURLAsync("**/mijn-overzicht");
        await colleaguePage.WaitForInteractiveAsync();
        await Assertions.Expect(colleaguePage.GetByText(colleagueEmail)).ToBeVisibleAsync();

        // The used invitation became an account: still two. Three more fill the company up to five.
        await OpenColleaguesAsync(ownerPage);
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("2 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("account-row").Filter(new() { HasText = colleagueEmail })).ToContainTextAsync("Actief");
        for (var i = 3; i <= 5; i++)
        {
            await InviteAsync(ownerPage, $"extra{i}-{Guid.NewGuid():N}@example.com", $"Extra {i}");
            await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync($"{i} van 5 accounts in gebruik");
        }

        await InviteAsync(ownerPage, $"zesde-{Guid.NewGuid():N}@example.com", "Zesde");
        var refusal = ownerPage.GetByTestId("colleagues-result");
        await Assertions.Expect(refusal).ToContainTextAsync("al 5 accounts in gebruik");
        await Assertions.Expect(refusal).ToContainTextAsync("Trek eerst een account of uitnodiging in");
        await Assertions.Expect(refusal).ToContainTextAsync("eHerkenning");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("5 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("invitation-row")).ToHaveCountAsync(3);
        await ownerPage.ExpectAccessibleAsync();

        // Revoking, after a confirmation, ends the colleague's open page without them doing anything.
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Account van Carla Collega intrekken" }).ClickAsync();
        var dialog = ownerPage.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Account intrekken" })).ToBeVisibleAsync();
        await ownerPage.ExpectAccessibleAsync();
        await dialog.GetByTestId("confirm-revoke").ClickAsync();
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-result")).ToContainTextAsync("Het account van Carla Collega is ingetrokken");
        await Assertions.Expect(ownerPage.GetByTestId("colleagues-count")).ToHaveTextAsync("4 van 5 accounts in gebruik");
        await Assertions.Expect(ownerPage.GetByTestId("account-row").Filter(new() { HasText = colleagueEmail })).ToContainTextAsync("Ingetrokken");

        await colleaguePage.WaitForURLAsync("**/inloggen?ReturnUrl=*", new() { Timeout = 15_000 });
        Assert.NotNull((await Browser.Portal.Get<AccountRepository>().FindByEmailAsync(colleagueEmail))!.DisabledAt);
    }

    private static async Task OpenColleaguesAsync(IPage page)
    {
        await page.GotoAsync("/collegas");
        await page.WaitForInteractiveAsync();
    }

    private static async Task InviteAsync(IPage page, string email, string name)
    {
        await page.GetByLabel("E-mailadres van uw collega").FillAsync(email);
        await page.GetByLabel("Naam van uw collega").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging versturen" }).ClickAsync();
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
