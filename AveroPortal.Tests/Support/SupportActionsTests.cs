using System.Text.RegularExpressions;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Tests.Support;

public sealed partial class SupportActionsTests : IDisposable
{
    private static readonly ActionRequest Request = new("geboortedatum + polisnummer", "nieuwe telefoon", "192.0.2.10");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly RecordingEmailSender _mail = new();
    private readonly SupportAuditRepository _audit;
    private readonly InvitationRepository _invitations;
    private readonly AgentRateLimiter _limiter = new();
    private readonly SupportActions _actions;
    private StaffMember _agent = default!;

    public SupportActionsTests()
    {
        _audit = new SupportAuditRepository(_db.Db, _db.Clock);
        _invitations = new InvitationRepository(_db.Db, _db.Clock);
        _actions = new SupportActions(_db.Accounts, _db.Authenticators, _db.Sessions, _invitations, _db.Customers, _audit, _mail, _limiter, _db.FreezeLinks, _db.Clock,
            _db.PasskeyCredentials, new AveroPortal.Core.Passkeys.PasskeyMails(_mail, _db.FreezeLinks, _db.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AveroPortal.Core.Passkeys.PasskeyMails>.Instance),
            new AveroPortal.Core.Colleagues.ColleagueRepository(_db.Db, _db.Clock, _db.CompanyAudit), _db.ColleagueAdministration(_mail));
    }

    [Fact]
    public async Task UnlinkDeletesTheBindingEndsEverySessionAuditsAndTellsTheCustomer()
    {
        var accountId = await EnrolledAccountAsync("ontkoppel@example.com");
        var stampBefore = (await _db.Accounts.GetAsync(accountId))!.SecurityStamp;
        var session = await _db.Sessions.CreateAsync(accountId, "password+totp", null, null);

        var result = await _actions.UnlinkAuthenticatorAsync(await AgentAsync(), accountId, Request);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        Assert.Null(await _db.Authenticators.GetAsync(accountId));
        Assert.NotEqual(stampBefore, (await _db.Accounts.GetAsync(accountId))!.SecurityStamp);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        var entry = Assert.Single(await _audit.ForAccountAsync(accountId));
        Assert.Equal(SupportActionNames.UnlinkAuthenticator, entry.Action);
        Assert.Equal("geboortedatum + polisnummer", entry.Verification);
        Assert.Equal("nieuwe telefoon", entry.Reason);
        Assert.Equal("192.0.2.10", entry.RemoteIp);
        Assert.Equal(_agent.AccountId, entry.AgentAccountId);
        var mail = Assert.Single(_mail.Sent);
        Assert.Equal("ontkoppel@example.com", mail.To);
        Assert.Contains("058 297 72 34", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnlockClearsTheLockAndTheCounter()
    {
        var accountId = await _db.AddAccountAsync("slot@example.com");
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await _db.Accounts.BeginAttemptAsync(accountId);
        }

        Assert.True(LockoutPolicy.IsLocked((await _db.Accounts.GetAsync(accountId))!.Lockout, _db.Clock.GetUtcNow()));

        var result = await _actions.UnlockAsync(await AgentAsync(), accountId, Request);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        var account = (await _db.Accounts.GetAsync(accountId))!;
        Assert.Equal(0, account.FailedCount);
        Assert.Null(account.LockoutEnd);
        Assert.Equal(SupportActionNames.Unlock, Assert.Single(await _audit.ForAccountAsync(accountId)).Action);
    }

    [Fact]
    public async Task AnAgentCanNotActOnAStaffAccount()
    {
        var colleague = await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, "collega@avero.example.com", "Collega", TestPasswords.RightHash, null, null, StaffRoles.Admin));
        var protectedSecret = _db.Secrets.Protect(TotpPolicy.NewSecret());
        await _db.Authenticators.GetOrCreatePendingAsync(colleague, () => protectedSecret);
        await _db.Authenticators.TryConfirmAsync(colleague, 1);

        Assert.Equal(SupportOutcome.NotAllowed, (await _actions.UnlinkAuthenticatorAsync(await AgentAsync(), colleague, Request)).Outcome);
        Assert.Equal(SupportOutcome.NotAllowed, (await _actions.UnlockAsync(_agent, colleague, Request)).Outcome);

        Assert.NotNull(await _db.Authenticators.GetAsync(colleague));
        Assert.All(await _audit.ForAccountAsync(colleague), e => Assert.StartsWith("geweigerd", e.Outcome, StringComparison.Ordinal));
        Assert.Empty(_mail.Sent);
    }

    [Theory]
    [InlineData(null, "reden")]
    [InlineData("  ", "reden")]
    [InlineData("geboortedatum", null)]
    [InlineData("geboortedatum", "a\u0000b reden")]
    public async Task WithoutVerificationAndReasonNothingHappens(string? verification, string? reason)
    {
        var accountId = await EnrolledAccountAsync("leeg@example.com");

        var result = await _actions.UnlinkAuthenticatorAsync(await AgentAsync(), accountId, new ActionRequest(verification, reason, null));

        Assert.Equal(SupportOutcome.BadInput, result.Outcome);
        Assert.NotNull(await _db.Authenticators.GetAsync(accountId));
        Assert.Empty(await _audit.ForAccountAsync(accountId));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task TheAccountCreationLinkArrivesAndAResendRevokesTheOldOne()
    {
        var customerId = await CustomerWithoutAccountAsync();

        Assert.Equal(SupportOutcome.Done, (await _actions.SendAccountCreationLinkAsync(await AgentAsync(), customerId, "overstap@example.com", "https://portal.example/", Request)).Outcome);
        Assert.Equal(SupportOutcome.Done, (await _actions.SendAccountCreationLinkAsync(_agent, customerId, "overstap@example.com", "https://portal.example/", Request)).Outcome);

        Assert.Equal(2, _mail.Sent.Count);
        var tokens = _mail.Sent.Select(m => TokenPattern().Match(m.TextBody).Groups[1].Value).ToList();
        Assert.All(_mail.Sent, m => Assert.Contains("https://portal.example/account-aanmaken?token=", m.TextBody, StringComparison.Ordinal));
        Assert.Equal(InvitationKinds.AccountCreation, (await _invitations.FindByTokenAsync(tokens[1]))!.Kind);
        Assert.NotNull((await _invitations.FindByTokenAsync(tokens[0]))!.RevokedAt);
        Assert.Null((await _invitations.FindByTokenAsync(tokens[1]))!.RevokedAt);
        Assert.Equal(2, (await _audit.ForCustomerAsync(customerId)).Count);
    }

    [Fact]
    public async Task NoLinkForAnAddressThatAlreadyHasAnAccount()
    {
        await _db.AddAccountAsync("al-bezet@example.com");
        var customerId = await CustomerWithoutAccountAsync();

        var result = await _actions.SendAccountCreationLinkAsync(await AgentAsync(), customerId, "AL-BEZET@example.com", "https://portal.example/", Request);

        Assert.Equal(SupportOutcome.EmailTaken, result.Outcome);
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task NoLinkForACustomerWhoAlreadyHasAnEmailAccount()
    {
        var customerId = (await _db.Accounts.GetAsync(await _db.AddAccountAsync("heeft-al@example.com")))!.CustomerId!.Value;

        var result = await _actions.SendAccountCreationLinkAsync(await AgentAsync(), customerId, "tweede@example.com", "https://portal.example/", Request);

        Assert.Equal(SupportOutcome.NothingToDo, result.Outcome);
        Assert.Empty(_mail.Sent);
        Assert.Empty(await _invitations.ListForCustomerAsync(customerId));
        Assert.StartsWith("geweigerd", Assert.Single(await _audit.ForCustomerAsync(customerId)).Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentIsLimitedTo30ActionsAMinute()
    {
        var accountId = await _db.AddAccountAsync("veel@example.com");
        var agent = await AgentAsync();

        var outcomes = new List<SupportOutcome>();
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute + 1; i++)
        {
            outcomes.Add((await _actions.UnlockAsync(agent, accountId, Request)).Outcome);
        }

        Assert.Equal(SupportOutcome.RateLimited, outcomes[^1]);
        Assert.DoesNotContain(SupportOutcome.RateLimited, outcomes.Take(AgentRateLimiter.ActionsPerMinute));
    }

    [Fact]
    public async Task TheAuditLogRefusesUpdatesAndDeletes()
    {
        var accountId = await _db.AddAccountAsync("audit@example.com");
        await _actions.UnlockAsync(await AgentAsync(), accountId, Request);

        await using var connection = await _db.Db.OpenAsync();
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("UPDATE support_audit SET reason = 'anders'"));
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM support_audit"));
        Assert.Equal("nieuwe telefoon", Assert.Single(await _audit.ForAccountAsync(accountId)).Reason);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _db.Dispose();
    }

    private async Task<StaffMember> AgentAsync()
    {
        if (_agent is null)
        {
            var id = await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, "agent@avero.example.com", "Agent", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));
            _agent = new StaffMember(id, "agent@avero.example.com", StaffRoles.SupportAgent);
        }

        return _agent;
    }

    private async Task<long> EnrolledAccountAsync(string email)
    {
        var accountId = await _db.AddAccountAsync(email);
        var protectedSecret = _db.Secrets.Protect(TotpPolicy.NewSecret());
        await _db.Authenticators.GetOrCreatePendingAsync(accountId, () => protectedSecret);
        await _db.Authenticators.TryConfirmAsync(accountId, 1);
        return accountId;
    }

    /// <summary>A customer who logs in with iDIN only: the one the account-creation link is for.</summary>
    private Task<long> CustomerWithoutAccountAsync() =>
        _db.Customers.AddCustomerAsync(new AveroPortal.Core.Customers.Customer(0, "900999", "I.", "Idin", null, "I. Idin",
            "1980-01-01", "Teststraat", 1, null, "1234 AB", "Leeuwarden", "Adviseur", "058 000 00 00", "adviseur@example.com"));

    [GeneratedRegex(@"token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
