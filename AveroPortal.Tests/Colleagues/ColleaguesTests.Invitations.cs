using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Colleagues;

// Who may invite whom, bad input, the invitation mail and the overview list.
public abstract partial class ColleaguesTests
{
    [Fact]
    public async Task AnUninsuredCompanyGetsNoInvitations()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1, insured: false);

        var result = await InviteAsync(inviter, "collega@example.com");

        Assert.Equal(InviteOutcome.CompanyNotInsured, result.Outcome);
        Assert.Equal(0, await CountInvitationsAsync(companyId));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task AnAddressWithAnAccountElsewhereIsInvitedLikeAnyOtherSoTheAnswerRevealsNothing()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        var (otherCompany, _) = await CompanyWithAccountsAsync(0);
        await AddAccountAsync(otherCompany, "elders@example.com");
        await _db.AddAccountAsync("particulier@example.com");
        await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, "medewerker@averoachmea.example.com", "Medewerker", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));
        string[] existing = ["elders@example.com", "particulier@example.com", "medewerker@averoachmea.example.com"];

        var unknown = await InviteAsync(inviter, "nieuw@example.com");
        var results = new List<InviteResult>();
        foreach (var address in existing)
        {
            results.Add(await InviteAsync(inviter, address));
        }

        // One answer, one pending row and seat each, one mail each: what the inviter sees is the same for all four.
        Assert.All(results, r => Assert.Equal(unknown, r));
        Assert.Equal(InviteOutcome.Invited, unknown.Outcome);
        var overview = (await _colleagues.GetOverviewAsync(companyId))!;
        Assert.Equal(new[] { "nieuw@example.com" }.Concat(existing), overview.Pending.Select(p => p.Email));
        Assert.Equal(5, overview.InUse);
        Assert.Equal(4, _mail.Sent.Count);
        // Only the address's own holder learns that it has an account: a notice, never a link.
        Assert.Contains("account-aanmaken?token=", _mail.Sent[0].TextBody, StringComparison.Ordinal);
        foreach (var (address, mail) in existing.Zip(_mail.Sent.Skip(1)))
        {
            Assert.Equal(address, mail.To);
            Assert.Equal("Uitnodiging voor Mijn Avéro Achmea Bedrijven", mail.Subject);
            Assert.Contains("bestaat al een account", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("token=", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("token=", mail.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAddressOfTheOwnCompanyIsNamedAsAColleagueAndGetsNoMail()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        await AddAccountAsync(companyId, "eigen@example.com");
        var revoked = await AddAccountAsync(companyId, "ingetrokken@example.com");
        await _db.Accounts.DisableAsync(revoked);

        var active = await InviteAsync(inviter, " EIGEN@example.com");
        var disabled = await InviteAsync(inviter, "ingetrokken@example.com");

        // The colleague list shows both addresses already, so this answer tells nothing new.
        Assert.Equal(new InviteResult(InviteOutcome.AlreadyColleague), active);
        Assert.Equal(new InviteResult(InviteOutcome.AlreadyColleague), disabled);
        Assert.Equal(0, await CountInvitationsAsync(companyId));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task OnlyAnActiveBusinessAccountInvites()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(2);
        var privateAccount = await _db.AddAccountAsync("particulier@example.com");
        await _db.Accounts.DisableAsync(inviter);

        Assert.Equal(InviteOutcome.NotAllowed, (await InviteAsync(inviter, "a@example.com")).Outcome);
        Assert.Equal(InviteOutcome.NotAllowed, (await InviteAsync(privateAccount, "b@example.com")).Outcome);
        Assert.Equal(RevokeOutcome.NotAllowed, await _colleagues.RevokeAccountAsync(Actor(privateAccount), inviter));

        Assert.Equal(0, await CountInvitationsAsync(companyId));
        Assert.Empty(_mail.Sent);
    }

    [Theory]
    [InlineData(null, "Naam", InviteProblem.EmailMissing)]
    [InlineData("geen-adres", "Naam", InviteProblem.EmailInvalid)]
    [InlineData("a\u0000b@example.com", "Naam", InviteProblem.ControlCharacters)]
    [InlineData("collega@example.com", " ", InviteProblem.NameMissing)]
    [InlineData("collega@example.com", "Jan\nJansen", InviteProblem.ControlCharacters)]
    public async Task BadInputChangesNothing(string? email, string? name, InviteProblem problem)
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);

        var result = await _colleagues.InviteAsync(Actor(inviter), email, name, LinkBase);

        Assert.Equal(new InviteResult(InviteOutcome.BadInput, problem), result);
        Assert.Equal(0, await CountInvitationsAsync(companyId));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task ANameOfMoreThan100CharactersIsRefused()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(1);

        var result = await _colleagues.InviteAsync(Actor(inviter), "lang@example.com", new string('a', ColleagueAdministration.MaxNameLength + 1), LinkBase);

        Assert.Equal(InviteProblem.NameTooLong, result.Problem);
    }

    [Fact]
    public async Task TheInvitationMailLinksToAnAccountForTheSameCompany()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);

        var result = await _colleagues.InviteAsync(Actor(inviter), " nieuw@example.com ", " Nina Nieuw ", LinkBase);

        Assert.Equal(InviteOutcome.Invited, result.Outcome);
        Assert.Equal(_db.Clock.GetUtcNow() + InvitationTokens.Lifetime, result.ExpiresAt);
        var mail = Assert.Single(_mail.Sent);
        Assert.Equal("nieuw@example.com", mail.To);
        Assert.Equal("U bent uitgenodigd voor Mijn Avéro Achmea Bedrijven", mail.Subject);
        var company = (await _db.Customers.GetCompanyAsync(companyId))!;
        var inviterName = (await _db.Accounts.GetAsync(inviter))!.DisplayName;
        Assert.Contains($"{inviterName} heeft u uitgenodigd om namens {company.Name}", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Beste Nina Nieuw,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.example/account-aanmaken?token=", mail.TextBody, StringComparison.Ordinal);

        var invitation = (await _invitations.FindByTokenAsync(TokenOf(mail)))!;
        Assert.Equal((InvitationKinds.Colleague, Portals.Business, (long?)companyId, (long?)inviter), (invitation.Kind, invitation.Portal, invitation.CompanyId, invitation.CreatedBy));
        var accepted = await _db.Acceptance(_mail)
            .AcceptAsync(TokenOf(mail), Password, Password);
        Assert.Equal((Portals.Business, (long?)companyId, "Nina Nieuw"), (accepted.Account!.Portal, accepted.Account.CompanyId, accepted.Account.DisplayName));
    }

    [Fact]
    public async Task AnInvitationThatCouldNotBeMailedTakesNoSeat()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(4);
        var failing = Administration(new FailingEmailSender());

        var result = await failing.InviteAsync(Actor(inviter), "kwijt@example.com", "Kwijt", LinkBase);

        Assert.Equal(InviteOutcome.MailFailed, result.Outcome);
        Assert.Equal(4, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "wel@example.com")).Outcome);
    }

    [Fact]
    public async Task TheListShowsEnrolmentAndTheLastLogin()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(2);
        var protectedSecret = _db.Secrets.Protect(TotpPolicy.NewSecret());
        await _db.Authenticators.GetOrCreatePendingAsync(inviter, () => protectedSecret);
        await _db.Authenticators.TryConfirmAsync(inviter, 1);
        await _db.Events.AddAsync(inviter, Portals.Business, LoginMethods.Authenticator, LoginOutcomes.Success, ClientInfo.Of(null, null));
        _db.Clock.Advance(TimeSpan.FromHours(1));
        await _db.Events.AddAsync(inviter, Portals.Business, LoginMethods.Authenticator, LoginOutcomes.WrongCode, ClientInfo.Of(null, null));

        var accounts = (await _colleagues.GetOverviewAsync(companyId))!.Accounts;

        var me = accounts.Single(a => a.Id == inviter);
        var other = accounts.Single(a => a.Id != inviter);
        Assert.True(me.IsEnrolled);
        Assert.Equal(ManualClock.DefaultStart.ToUnixTimeSeconds(), me.LastLoginAt);
        Assert.False(other.IsEnrolled);
        Assert.Null(other.LastLoginAt);
    }
}
