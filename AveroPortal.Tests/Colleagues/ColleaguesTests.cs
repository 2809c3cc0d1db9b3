using System.Text.RegularExpressions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// <see cref="ColleagueAdministration"/> and <see cref="ColleagueRepository"/> on a real database: every test runs on
/// SQLite and on PostgreSQL, where read committed makes the company row lock the only thing that keeps parallel
/// invitations within the limit.
/// </summary>
public abstract partial class ColleaguesTests : IAsyncLifetime
{
    private const string LinkBase = "https://portal.example/";
    private const string Password = "Drie-fietsen-in-de-regen";
    private readonly RecordingEmailSender _mail = new();
    private TestDatabase _db = default!;
    private InvitationRepository _invitations = default!;
    private ColleagueRepository _repository = default!;
    private ColleagueAdministration _colleagues = default!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _db = await CreateDatabaseAsync();
        _invitations = new InvitationRepository(_db.Db, _db.Clock);
        _repository = new ColleagueRepository(_db.Db, _db.Clock);
        _colleagues = Administration(_mail);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A migrated, empty database of this test's own.</summary>
    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task TheLimitCountsActiveAccountsAndPendingInvitations()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(3);

        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "vier@example.com")).Outcome);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "vijf@example.com")).Outcome);
        var sixth = await InviteAsync(inviter, "zes@example.com");

        Assert.Equal(InviteOutcome.LimitReached, sixth.Outcome);
        var overview = (await _colleagues.GetOverviewAsync(companyId))!;
        Assert.Equal(3, overview.Accounts.Count);
        Assert.Equal(new[] { "vier@example.com", "vijf@example.com" }, overview.Pending.Select(p => p.Email));
        Assert.Equal(5, overview.InUse);
        Assert.DoesNotContain(_mail.Sent, m => m.To == "zes@example.com");
        Assert.Equal(2, await CountInvitationsAsync(companyId));
    }

    [Fact]
    public async Task AResendToTheSameAddressReplacesTheLinkAndDoesNotCountTwice()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(4);

        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "opnieuw@example.com")).Outcome);
        var resend = await InviteAsync(inviter, " Opnieuw@Example.com ");

        Assert.Equal(InviteOutcome.Invited, resend.Outcome);
        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        var tokens = _mail.Sent.Select(TokenOf).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.NotNull((await _invitations.FindByTokenAsync(tokens[0]))!.RevokedAt);
        Assert.Null((await _invitations.FindByTokenAsync(tokens[1]))!.RevokedAt);
        Assert.Equal(InviteOutcome.LimitReached, (await InviteAsync(inviter, "ander@example.com")).Outcome);
    }

    [Fact]
    public async Task OnePersonSendsAtMostTenInvitationsAnHourResendsIncluded()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        for (var i = 0; i < ColleagueAdministration.MaxInvitationsPerHour; i++)
        {
            // Resends to one address: they take one seat, but each one is a mail.
            Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "steeds@example.com")).Outcome);
        }

        var eleventh = await InviteAsync(inviter, "nog-een@example.com");

        Assert.Equal(InviteOutcome.TooManyInvitations, eleventh.Outcome);
        Assert.Equal(ColleagueAdministration.MaxInvitationsPerHour, _mail.Sent.Count);
        Assert.Equal(2, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        _db.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "nog-een@example.com")).Outcome);
    }

    [Fact]
    public async Task ExpiredUsedAndRevokedInvitationsAndDisabledAccountsDoNotCount()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        var disabled = await AddAccountAsync(companyId, "weg@example.com");
        await _db.Accounts.DisableAsync(disabled);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "verlopen@example.com")).Outcome);
        _db.Clock.Advance(InvitationTokens.Lifetime);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "gebruikt@example.com")).Outcome);
        var accepted = await new InvitationAcceptance(_invitations, _db.Accounts, new PasswordRules(), TestPasswords.Hashing, _db.Clock)
            .AcceptAsync(TokenOf(_mail.Sent[^1]), Password, Password);
        Assert.Equal(AcceptOutcome.Created, accepted.Outcome);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "ingetrokken@example.com")).Outcome);
        var revoked = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(inviter, revoked.Id));

        // The inviter and the account made from the used invitation: two of five.
        var overview = (await _colleagues.GetOverviewAsync(companyId))!;
        Assert.Equal(2, overview.InUse);
        Assert.Empty(overview.Pending);
        Assert.Equal(3, overview.Accounts.Count);
        var outcomes = new List<InviteOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await InviteAsync(inviter, $"nieuw{i}@example.com")).Outcome);
        }

        Assert.Equal(new[] { InviteOutcome.Invited, InviteOutcome.Invited, InviteOutcome.Invited, InviteOutcome.LimitReached }, outcomes);
    }

    [Fact]
    public async Task TwentyParallelInvitationsNeverPassTheLimit()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(2);
        var next = 0;

        // Every call opens its own connections, as it does in the portal.
        var results = await AllAtOnce.RunAsync(20, () => InviteAsync(inviter, $"parallel{Interlocked.Increment(ref next)}@example.com"));

        Assert.Equal(3, results.Count(r => r.Outcome == InviteOutcome.Invited));
        Assert.Equal(17, results.Count(r => r.Outcome == InviteOutcome.LimitReached));
        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(3, await CountInvitationsAsync(companyId));
        Assert.Equal(3, _mail.Sent.Count);
    }

    [Fact]
    public async Task RevokingAnAccountDisablesItEndsItsSessionsAndFreesItsSeat()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != inviter).Id;
        var stampBefore = (await _db.Accounts.GetAsync(target))!.SecurityStamp;
        var session = await _db.Sessions.CreateAsync(target, "password+totp", null, null);
        Assert.True(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));

        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(inviter, target));

        var account = (await _db.Accounts.GetAsync(target))!;
        Assert.NotNull(account.DisabledAt);
        Assert.NotEqual(stampBefore, account.SecurityStamp);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        Assert.True((await _colleagues.GetOverviewAsync(companyId))!.Accounts.Single(a => a.Id == target).IsDisabled);
        Assert.Equal(4, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "opvolger@example.com")).Outcome);
        Assert.Equal(RevokeOutcome.AlreadyRevoked, await _colleagues.RevokeAccountAsync(inviter, target));
    }

    [Fact]
    public async Task AnAccountOfAnotherCompanyOrAPrivateCustomerCanNotBeRevoked()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(1);
        var (_, stranger) = await CompanyWithAccountsAsync(1);
        var privateAccount = await _db.AddAccountAsync("particulier@example.com");
        var session = await _db.Sessions.CreateAsync(stranger, "password+totp", null, null);

        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(inviter, stranger));
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(inviter, privateAccount));
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(inviter, 999_999));

        Assert.Null((await _db.Accounts.GetAsync(stranger))!.DisabledAt);
        Assert.Null((await _db.Accounts.GetAsync(privateAccount))!.DisabledAt);
        Assert.True(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
    }

    [Fact]
    public async Task NobodyRevokesTheirOwnAccount()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(2);

        Assert.Equal(RevokeOutcome.NotYourself, await _colleagues.RevokeAccountAsync(inviter, inviter));

        Assert.Null((await _db.Accounts.GetAsync(inviter))!.DisabledAt);
    }

    [Fact]
    public async Task APendingInvitationIsRevokedOnlyByItsOwnCompany()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        var (_, stranger) = await CompanyWithAccountsAsync(1);
        await InviteAsync(inviter, "uitgenodigd@example.com");
        var token = TokenOf(_mail.Sent[^1]);
        var pending = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);

        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeInvitationAsync(stranger, pending.Id));
        Assert.Null((await _invitations.FindByTokenAsync(token))!.RevokedAt);

        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(inviter, pending.Id));
        Assert.NotNull((await _invitations.FindByTokenAsync(token))!.RevokedAt);
        Assert.Empty((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeInvitationAsync(inviter, pending.Id));
    }

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
    public async Task EveryInvitationOfAnAddressWithAnAccountCountsTowardsTheHourlyCap()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(1);
        await _db.AddAccountAsync("particulier@example.com");
        for (var i = 0; i < ColleagueAdministration.MaxInvitationsPerHour; i++)
        {
            Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "particulier@example.com")).Outcome);
        }

        Assert.Equal(InviteOutcome.TooManyInvitations, (await InviteAsync(inviter, "particulier@example.com")).Outcome);
        Assert.Equal(InviteOutcome.TooManyInvitations, (await InviteAsync(inviter, "nieuw@example.com")).Outcome);
        Assert.Equal(ColleagueAdministration.MaxInvitationsPerHour, _mail.Sent.Count);
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
    public async Task ParallelInvitationsCanNotRaceTheHourlyCap()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        var sentBefore = ColleagueAdministration.MaxInvitationsPerHour - 2;
        for (var i = 0; i < sentBefore; i++)
        {
            // Sent and withdrawn: no seat, but a mail each.
            Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, $"eerder{i}@example.com")).Outcome);
            var pending = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
            Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(inviter, pending.Id));
        }

        var next = 0;
        var results = await AllAtOnce.RunAsync(8, () => InviteAsync(inviter, $"race{Interlocked.Increment(ref next)}@example.com"));

        Assert.Equal(2, results.Count(r => r.Outcome == InviteOutcome.Invited));
        Assert.Equal(6, results.Count(r => r.Outcome == InviteOutcome.TooManyInvitations));
        Assert.Equal(ColleagueAdministration.MaxInvitationsPerHour, _mail.Sent.Count);
        Assert.Equal(2, await CountInvitationsAsync(companyId));
    }

    [Fact]
    public async Task OnlyAnActiveBusinessAccountInvites()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(2);
        var privateAccount = await _db.AddAccountAsync("particulier@example.com");
        await _db.Accounts.DisableAsync(inviter);

        Assert.Equal(InviteOutcome.NotAllowed, (await InviteAsync(inviter, "a@example.com")).Outcome);
        Assert.Equal(InviteOutcome.NotAllowed, (await InviteAsync(privateAccount, "b@example.com")).Outcome);
        Assert.Equal(RevokeOutcome.NotAllowed, await _colleagues.RevokeAccountAsync(privateAccount, inviter));

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

        var result = await _colleagues.InviteAsync(inviter, email, name, LinkBase);

        Assert.Equal(new InviteResult(InviteOutcome.BadInput, problem), result);
        Assert.Equal(0, await CountInvitationsAsync(companyId));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task ANameOfMoreThan100CharactersIsRefused()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(1);

        var result = await _colleagues.InviteAsync(inviter, "lang@example.com", new string('a', ColleagueAdministration.MaxNameLength + 1), LinkBase);

        Assert.Equal(InviteProblem.NameTooLong, result.Problem);
    }

    [Fact]
    public async Task TheInvitationMailLinksToAnAccountForTheSameCompany()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);

        var result = await _colleagues.InviteAsync(inviter, " nieuw@example.com ", " Nina Nieuw ", LinkBase);

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
        var accepted = await new InvitationAcceptance(_invitations, _db.Accounts, new PasswordRules(), TestPasswords.Hashing, _db.Clock)
            .AcceptAsync(TokenOf(mail), Password, Password);
        Assert.Equal((Portals.Business, (long?)companyId, "Nina Nieuw"), (accepted.Account!.Portal, accepted.Account.CompanyId, accepted.Account.DisplayName));
    }

    [Fact]
    public async Task AnInvitationThatCouldNotBeMailedTakesNoSeat()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(4);
        var failing = Administration(new FailingEmailSender());

        var result = await failing.InviteAsync(inviter, "kwijt@example.com", "Kwijt", LinkBase);

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

    private ColleagueAdministration Administration(IEmailSender email) =>
        new(_repository, _db.Accounts, _invitations, _db.Sessions, _db.Customers, email, _db.Clock, NullLogger<ColleagueAdministration>.Instance);

    private Task<InviteResult> InviteAsync(long inviter, string email) =>
        _colleagues.InviteAsync(inviter, email, "Collega " + email, LinkBase);

    /// <summary>A company with <paramref name="accounts"/> business accounts; the first is the one who invites.</summary>
    private async Task<(long CompanyId, long Inviter)> CompanyWithAccountsAsync(int accounts, bool insured = true)
    {
        var n = Interlocked.Increment(ref _sequence);
        var companyId = await _db.Customers.AddCompanyAsync(new Company(0, $"7{n:D7}", $"Bedrijf {n} B.V.", "Sneek", insured ? 1 : 0,
            "Adviseur", "058 000 00 00", "adviseur@example.com"));
        var ids = new List<long>();
        for (var i = 0; i < accounts; i++)
        {
            ids.Add(await AddAccountAsync(companyId, $"account{i}-bedrijf{n}@example.com"));
        }

        return (companyId, ids.FirstOrDefault());
    }

    private Task<long> AddAccountAsync(long companyId, string email) =>
        _db.Accounts.CreateAsync(new NewAccount(Portals.Business, email, "Naam " + email, TestPasswords.RightHash, null, companyId));

    private async Task<long> CountInvitationsAsync(long companyId)
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM invitations WHERE company_id = @CompanyId AND revoked_at IS NULL", new { CompanyId = companyId });
    }

    private static string TokenOf(EmailMessage mail) => TokenPattern().Match(mail.TextBody).Groups[1].Value;

    [GeneratedRegex(@"account-aanmaken\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    public sealed class OnSqlite : ColleaguesTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : ColleaguesTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }

    private sealed class FailingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
            throw new IOException("The relay is down.");
    }
}
