using System.Globalization;
using System.Security.Claims;
using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.Features.Colleagues;
using AveroPortal.Blazor.Features.Support;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Colleagues;

/// <summary>The colleagues page on a real SQLite file, signed in as the session cookie would sign in.</summary>
public sealed class ColleaguesPageTests : BunitTest
{
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly RecordingEmailSender _mail = new();
    private long _companyId;

    public ColleaguesPageTests()
    {
        // After AddTestServices, so these win: the page reads and writes the test's own database.
        Services.AddSingleton(_db.Options);
        Services.AddSingleton<TimeProvider>(_db.Clock);
        Services.AddSingleton<IEmailSender>(_mail);
        Services.AddSingleton(new PublicLinks(new PortalOptions(PublicBase: null)));
    }

    [Fact]
    public async Task ShowsTheAccountsTheOpenInvitationsAndTheCount()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com", "collega@example.com");
        await InviteAsync("nieuw@example.com", "Nina Nieuw");
        SignInWithEmail(me);

        var cut = Render<ColleaguesPage>();

        cut.WaitForAssertion(() => Assert.Equal("3 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim()));
        Assert.Equal("Collega's", cut.Find("h1").TextContent.Trim());
        var accounts = cut.FindAll("[data-testid=account-row]");
        Assert.Equal(2, accounts.Count);
        Assert.Contains(accounts, r => r.TextContent.Contains("collega@example.com", StringComparison.Ordinal));
        var invitation = Assert.Single(cut.FindAll("[data-testid=invitation-row]"));
        Assert.Contains("Nina Nieuw", invitation.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 maart 2026", invitation.TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("th"), th => th.TextContent.Trim() == "Geldig tot");
        // Everyone but yourself can be revoked, each button named after whom it concerns.
        var revoke = Assert.Single(cut.FindAll("[data-testid=revoke-account]"));
        Assert.Equal("Account van Naam collega@example.com intrekken", revoke.GetAttribute("aria-label"));
        Assert.Equal("Uitnodiging voor nieuw@example.com intrekken", cut.Find("[data-testid=revoke-invitation]").GetAttribute("aria-label"));
        Assert.Equal("E-mailadres van uw collega", cut.Find("label[for=colleague-email]").TextContent.Trim());
        Assert.Equal("Naam van uw collega", cut.Find("label[for=colleague-name]").TextContent.Trim());
    }

    [Fact]
    public async Task TheSixthIsRefusedWithAMessageThatNamesTheLimitAndTheWaysOut()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com", "twee@example.com", "drie@example.com", "vier@example.com");
        await InviteAsync("vijf@example.com", "Vijf");
        SignInWithEmail(me);
        var cut = Render<ColleaguesPage>();
        cut.WaitForAssertion(() => Assert.Equal("5 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim()));

        cut.Find("#colleague-email").Change("zes@example.com");
        cut.Find("#colleague-name").Change("Zes");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() =>
        {
            var message = cut.Find("[data-testid=colleagues-result]").TextContent;
            Assert.Contains("al 5 accounts in gebruik", message, StringComparison.Ordinal);
            Assert.Contains("meer dan 5 kan niet", message, StringComparison.Ordinal);
            Assert.Contains("Trek eerst een account of uitnodiging in", message, StringComparison.Ordinal);
            Assert.Contains("eHerkenning", message, StringComparison.Ordinal);
        });
        Assert.Empty(_mail.Sent);
        Assert.Equal("5 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim());
    }

    [Fact]
    public async Task AnInvitationAppearsInTheListAndTheCountGoesUp()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com");
        SignInWithEmail(me);
        var cut = Render<ColleaguesPage>();
        cut.WaitForAssertion(() => Assert.Equal("1 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim()));

        cut.Find("#colleague-email").Change("nieuw@example.com");
        cut.Find("#colleague-name").Change("Nina Nieuw");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("De uitnodiging is verstuurd naar nieuw@example.com", cut.Find("[data-testid=colleagues-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal("2 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim());
        Assert.Contains("Nina Nieuw", Assert.Single(cut.FindAll("[data-testid=invitation-row]")).TextContent, StringComparison.Ordinal);
        Assert.Equal("nieuw@example.com", Assert.Single(_mail.Sent).To);
    }

    [Fact]
    public async Task AnAddressWithAnAccountElsewhereGetsTheAnswerANewAddressGets()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com");
        await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, "medewerker@averoachmea.example.com", "Medewerker", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));
        SignInWithEmail(me);
        var cut = Render<ColleaguesPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=invite-form]"));

        cut.Find("#colleague-email").Change("medewerker@averoachmea.example.com");
        cut.Find("#colleague-name").Change("Iemand");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("De uitnodiging is verstuurd naar medewerker@averoachmea.example.com",
            cut.Find("[data-testid=colleagues-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal("2 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim());
        Assert.Contains("Iemand", Assert.Single(cut.FindAll("[data-testid=invitation-row]")).TextContent, StringComparison.Ordinal);
        Assert.Equal("Uitnodiging voor Mijn Avéro Achmea Bedrijven", Assert.Single(_mail.Sent).Subject);
    }

    [Fact]
    public async Task AnAddressOfTheOwnCompanyIsPointedOutInTheList()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com", "collega@example.com");
        SignInWithEmail(me);
        var cut = Render<ColleaguesPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=invite-form]"));

        cut.Find("#colleague-email").Change("Collega@example.com");
        cut.Find("#colleague-name").Change("Collega");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("hoort al bij een account van uw bedrijf",
            cut.Find("[data-testid=colleagues-result]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=invitation-row]"));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task AnInvalidAddressGetsAMessageAtTheFieldAndNothingIsSent()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com");
        SignInWithEmail(me);
        var cut = Render<ColleaguesPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=invite-form]"));

        cut.Find("#colleague-email").Change("geen-adres");
        cut.Find("#colleague-name").Change("Iemand");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Vul een geldig e-mailadres in", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("#colleague-email").GetAttribute("aria-invalid"));
        Assert.Empty(_mail.Sent);
        Assert.Empty(cut.FindAll("[data-testid=invitation-row]"));
    }

    [Fact]
    public async Task AnEHerkenningUserReadsHowToAuthorizeAndGetsNoForm()
    {
        await CompanyWithAccountsAsync("ik@example.com", "collega@example.com");
        SignIn(
            new Claim(ClaimTypes.NameIdentifier, "eherkenning:1"),
            new Claim(PortalUser.PortalClaim, Portals.Business),
            new Claim(PortalUser.MethodClaim, "eherkenning"),
            new Claim(PortalUser.CompanyClaim, _companyId.ToString(CultureInfo.InvariantCulture)));

        var cut = Render<ColleaguesPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=colleagues-eherkenning]"));
        var explanation = cut.Find("[data-testid=colleagues-eherkenning]");
        Assert.Equal("Collega's machtigen met eHerkenning", explanation.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("beheerder van eHerkenning in uw bedrijf machtigt de collega", explanation.TextContent, StringComparison.Ordinal);
        Assert.Contains("eigen eHerkenningsmiddel", explanation.TextContent, StringComparison.Ordinal);
        Assert.Contains("deel het nooit", explanation.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("[data-testid=revoke-account]"));
        // The list itself is there to read.
        Assert.Equal(2, cut.FindAll("[data-testid=account-row]").Count);
        Assert.Equal("2 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim());
    }

    [Fact]
    public async Task APrivateCustomerReadsThatThisIsForBusinessCustomers()
    {
        var privateAccount = await _db.AddAccountAsync("particulier@example.com");
        SignIn(
            new Claim(ClaimTypes.NameIdentifier, privateAccount.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalUser.PortalClaim, Portals.Private),
            new Claim(PortalUser.MethodClaim, "password+totp"));

        var cut = Render<ColleaguesPage>();

        cut.WaitForAssertion(() => Assert.Contains("alleen in Mijn Avéro Achmea Bedrijven, voor zakelijke klanten",
            cut.Find("[data-testid=colleagues-business-only]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("[data-testid=colleagues-count]"));
        Assert.Empty(cut.FindAll("table"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _db.Dispose();
        }
    }

    /// <summary>An insured company with these business accounts; returns the first account's id.</summary>
    private async Task<long> CompanyWithAccountsAsync(params string[] emails)
    {
        _companyId = await _db.Customers.AddCompanyAsync(new Company(0, "87654321", "Bakkerij Test B.V.", "Sneek", 1,
            "Adviseur", "058 000 00 00", "adviseur@example.com"));
        var ids = new List<long>();
        foreach (var email in emails)
        {
            ids.Add(await _db.Accounts.CreateAsync(new NewAccount(Portals.Business, email, "Naam " + email, TestPasswords.RightHash, null, _companyId)));
        }

        return ids[0];
    }

    private Task<IssuedInvitation> InviteAsync(string email, string name) =>
        new InvitationRepository(_db.Db, _db.Clock).IssueAsync(
            new NewInvitation(InvitationKinds.Colleague, email, name, Portals.Business, null, _companyId, null, null));

    private void SignInWithEmail(long accountId) => SignIn(
        new Claim(ClaimTypes.NameIdentifier, accountId.ToString(CultureInfo.InvariantCulture)),
        new Claim(PortalUser.PortalClaim, Portals.Business),
        new Claim(PortalUser.MethodClaim, "password+totp"),
        new Claim(PortalUser.CompanyClaim, _companyId.ToString(CultureInfo.InvariantCulture)));

    private void SignIn(params Claim[] claims)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Test");
        authorization.SetClaims(claims);
    }
}
