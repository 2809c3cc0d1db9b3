using System.Globalization;
using System.Security.Claims;
using AveroPortal.Blazor.Features.Colleagues;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Colleagues;

/// <summary>The colleagues page on a real SQLite file, signed in as the session cookie would sign in.</summary>
public sealed class ColleaguesPageTests : BunitTest
{
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly RecordingEmailSender _mail = new();
    private long _companyId;
    private readonly List<long> _ids = [];

    public ColleaguesPageTests()
    {
        // After AddTestServices, so these win: the page reads and writes the test's own database.
        Services.AddSingleton(_db.Options);
        Services.AddSingleton<TimeProvider>(_db.Clock);
        Services.AddSingleton<IEmailSender>(_mail);
        // The page's forms carry the token as the portal renders it; bUnit has no request to take one from.
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    [Fact]
    public async Task AnAdministratorSeesTheAccountsTheInvitationsTheCountAndAnActionForEach()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com", "collega@example.com", "weg@example.com");
        var colleague = _ids[1];
        var revoked = _ids[2];
        await _db.Accounts.DisableAsync(revoked);
        await InviteAsync("nieuw@example.com", "Nina Nieuw");
        SignInWithEmail(me);

        var cut = Render<ColleaguesPage>();

        Assert.Equal("3 van 5 accounts in gebruik", cut.Find("[data-testid=colleagues-count]").TextContent.Trim());
        Assert.Equal("Collega's", cut.Find("h1").TextContent.Trim());
        Assert.Equal("Beheerder van uw bedrijf: Naam ik@example.com.", cut.Find("[data-testid=colleagues-administrators]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=colleagues-read-only]"));
        var accounts = cut.FindAll("[data-testid=account-row]");
        Assert.Equal(3, accounts.Count);
        var mine = accounts.Single(r => r.TextContent.Contains("ik@example.com", StringComparison.Ordinal));
        Assert.Equal("Beheerder", mine.QuerySelector("[data-testid=admin-badge]")!.TextContent.Trim());
        Assert.Empty(mine.QuerySelectorAll("form"));
        // An active colleague: revoke or make administrator, each behind a confirmation, each named after whom it concerns.
        var active = accounts.Single(r => r.TextContent.Contains("collega@example.com", StringComparison.Ordinal));
        Assert.Null(active.QuerySelector("[data-testid=admin-badge]"));
        Assert.Equal("Account van Naam collega@example.com intrekken", active.QuerySelector("[data-testid=revoke-account]")!.GetAttribute("aria-label"));
        Assert.Equal("Naam collega@example.com beheerder maken", active.QuerySelector("[data-testid=grant-admin]")!.GetAttribute("aria-label"));
        Assert.Equal(new[] { $"/collegas/{colleague}/beheerder", $"/collegas/{colleague}/intrekken" },
            active.QuerySelectorAll("form").Select(f => f.GetAttribute("action")));
        // A revoked colleague: only re-activation.
        var gone = accounts.Single(r => r.TextContent.Contains("weg@example.com", StringComparison.Ordinal));
        Assert.Contains("Ingetrokken", gone.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/collegas/{revoked}/heractiveren", Assert.Single(gone.QuerySelectorAll("form")).GetAttribute("action"));
        Assert.Equal("Account van Naam weg@example.com opnieuw activeren", gone.QuerySelector("[data-testid=reactivate-account]")!.GetAttribute("aria-label"));

        var invitation = Assert.Single(cut.FindAll("[data-testid=invitation-row]"));
        Assert.Contains("Nina Nieuw", invitation.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 maart 2026", invitation.TextContent, StringComparison.Ordinal);
        Assert.Equal("Uitnodiging voor nieuw@example.com intrekken", invitation.QuerySelector("[data-testid=revoke-invitation]")!.GetAttribute("aria-label"));
        Assert.Equal("Uitnodiging voor nieuw@example.com opnieuw versturen", invitation.QuerySelector("[data-testid=resend-invitation]")!.GetAttribute("aria-label"));
        Assert.Contains(cut.FindAll("th"), th => th.TextContent.Trim() == "Geldig tot");

        // Every form is a real post with the anti-forgery token, so the page works without a circuit.
        Assert.All(cut.FindAll("form"), f =>
        {
            Assert.Equal("post", f.GetAttribute("method"));
            Assert.Equal("test-token", f.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        });
        var invite = cut.Find("[data-testid=invite-form]");
        Assert.Equal("/collegas/uitnodigen", invite.GetAttribute("action"));
        Assert.Equal("email", cut.Find("#colleague-email").GetAttribute("name"));
        Assert.Equal("name", cut.Find("#colleague-name").GetAttribute("name"));
        Assert.Equal("E-mailadres van uw collega", cut.Find("label[for=colleague-email]").TextContent.Trim());
        Assert.Equal("Naam van uw collega", cut.Find("label[for=colleague-name]").TextContent.Trim());
        // The only administrator can not step down yet.
        Assert.Contains("U bent de enige beheerder", cut.Find("[data-testid=step-down-last]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=confirm-step-down]"));
    }

    [Fact]
    public async Task AnAdministratorSeesTheCompanyAuditNewestFirstWithWhoAndFromWhere()
    {
        var me = await CompanyWithAccountsAsync("ik@example.com", "collega@example.com");
        // Signed in first: bUnit takes no new services once one was resolved.
        SignInWithEmail(me);
        var colleagues = Services.GetRequiredService<ColleagueAdministration>();
        var actor = new ColleagueActor(me, "203.0.113.7");
        Assert.Equal(InviteOutcome.Invited, (await colleagues.InviteAsync(actor, "nieuw@example.com", "Nina Nieuw", "https://portaal.example/")).Outcome);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RevokeOutcome.Revoked, await colleagues.RevokeAccountAsync(actor, _ids[1]));

        var cut = Render<ColleaguesPage>();

        var rows = cut.FindAll("[data-testid=company-audit-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Account ingetrokken", rows[0].QuerySelector("[data-testid=company-audit-action]")!.TextContent.Trim());
        Assert.Contains("collega@example.com", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Uitnodiging verstuurd", rows[1].QuerySelector("[data-testid=company-audit-action]")!.TextContent.Trim());
        Assert.Contains("Naam ik@example.com", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("vanaf 203.0.113.7", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AColleagueWithoutTheRoleSeesTheListReadOnlyAndWhoTheAdministratorIs()
    {
        await CompanyWithAccountsAsync("ik@example.com", "collega@example.com");
        await InviteAsync("nieuw@example.com", "Nina Nieuw");
        SignInWithEmail(_ids[1]);

        var cut = Render<ColleaguesPage>();

        Assert.Equal(2, cut.FindAll("[data-testid=account-row]").Count);
        Assert.Single(cut.FindAll("[data-testid=invitation-row]"));
        Assert.Equal("Beheerder van uw bedrijf: Naam ik@example.com.", cut.Find("[data-testid=colleagues-administrators]").TextContent.Trim());
        Assert.Contains("Alleen een beheerder kan", cut.Find("[data-testid=colleagues-read-only]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=admin-badge]"));
        // No action at all: no form, no button, no action column, no audit.
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("details"));
        Assert.DoesNotContain(cut.FindAll("th"), th => th.TextContent.Trim() == "Actie");
        Assert.Empty(cut.FindAll("[data-testid=company-audit]"));
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

        var explanation = cut.Find("[data-testid=colleagues-eherkenning]");
        Assert.Equal("Collega's machtigen met eHerkenning", explanation.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("beheerder van eHerkenning in uw bedrijf machtigt de collega", explanation.TextContent, StringComparison.Ordinal);
        Assert.Contains("eigen eHerkenningsmiddel", explanation.TextContent, StringComparison.Ordinal);
        Assert.Contains("deel het nooit", explanation.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("[data-testid=revoke-account]"));
        Assert.Empty(cut.FindAll("[data-testid=company-audit]"));
        Assert.Empty(cut.FindAll("[data-testid=colleagues-read-only]"));
        Assert.Equal("Beheerder van uw bedrijf: Naam ik@example.com.", cut.Find("[data-testid=colleagues-administrators]").TextContent.Trim());
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

        Assert.Contains("alleen in Mijn Avéro Achmea Bedrijven, voor zakelijke klanten",
            cut.Find("[data-testid=colleagues-business-only]").TextContent, StringComparison.Ordinal);
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

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }

    /// <summary>An insured company with these business accounts, the first its administrator; returns that account's id.</summary>
    private async Task<long> CompanyWithAccountsAsync(params string[] emails)
    {
        _companyId = await _db.Customers.AddCompanyAsync(new Company(0, "87654321", "Bakkerij Test B.V.", "Sneek", 1,
            "Adviseur", "058 000 00 00", "adviseur@example.com"));
        _ids.Clear();
        foreach (var email in emails)
        {
            _ids.Add(await _db.Accounts.CreateAsync(new NewAccount(Portals.Business, email, "Naam " + email, TestPasswords.RightHash, null, _companyId)));
        }

        await _db.Db.MakeAdministratorAsync(_ids[0]);

        return _ids[0];
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
