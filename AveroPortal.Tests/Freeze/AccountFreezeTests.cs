using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Freeze;

/// <summary>The freeze on SQLite (<see cref="AccountFreezePostgreSqlTests"/> runs the race on PostgreSQL).</summary>
public sealed class AccountFreezeTests : IDisposable
{
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.44", "test");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();

    private async Task<string> TokenAsync(long accountId, string reason = FreezeReasons.PasswordChanged) =>
        new Uri((await _db.FreezeLinks.CreateAsync(accountId, reason)).Url).QueryValue("token")!;

    [Fact]
    public async Task TheLinkFreezesTheAccountEndsItsSessionsAndPendingLoginsAndAuditsTheCustomerAsActor()
    {
        var accountId = await _db.AddAccountAsync("bevries@example.com");
        var before = (await _db.Accounts.GetAsync(accountId))!;
        var session = await _db.Sessions.CreateAsync(accountId, "password+totp", null, null);
        var pending = await _db.PendingLogins.StartAsync(before, null);
        var token = await TokenAsync(accountId);

        Assert.Equal(FreezeOutcome.Frozen, await _db.Freeze.FreezeAsync(token, "192.0.2.44"));

        var after = (await _db.Accounts.GetAsync(accountId))!;
        Assert.True(after.IsFrozen);
        Assert.Equal(_db.Clock.GetUtcNow().ToUnixTimeSeconds(), after.FrozenAt);
        Assert.Equal(FreezeReasons.PasswordChanged, after.FrozenReason);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        Assert.Null(await _db.PendingLogins.FindAsync(pending));
        var entry = Assert.Single(await new SupportAuditRepository(_db.Db, _db.Clock).ForAccountAsync(accountId));
        Assert.Equal(SupportActionNames.FreezeAccount, entry.Action);
        Assert.Equal(accountId, entry.AgentAccountId);
        Assert.Equal("bevries@example.com", entry.AgentEmail);
        Assert.Equal(AccountFreeze.AuditVerification, entry.Verification);
        Assert.Equal(FreezeReasons.PasswordChanged, entry.Reason);
        Assert.Equal("192.0.2.44", entry.RemoteIp);
    }

    [Fact]
    public async Task AUsedLinkChangesNothingTheSecondTime()
    {
        var accountId = await _db.AddAccountAsync("tweemaal@example.com");
        var token = await TokenAsync(accountId);
        Assert.Equal(FreezeOutcome.Frozen, await _db.Freeze.FreezeAsync(token, null));
        var frozen = (await _db.Accounts.GetAsync(accountId))!;

        Assert.False(await _db.FreezeLinks.IsUsableAsync(token));
        Assert.Equal(FreezeOutcome.LinkNotValid, await _db.Freeze.FreezeAsync(token, null));

        Assert.Equal(frozen, await _db.Accounts.GetAsync(accountId));
        Assert.Single(await new SupportAuditRepository(_db.Db, _db.Clock).ForAccountAsync(accountId));
    }

    [Fact]
    public async Task OfParallelUsesOfOneLinkExactlyOneFreezes()
    {
        var accountId = await _db.AddAccountAsync("tegelijk@example.com");
        var token = await TokenAsync(accountId);

        var outcomes = await AllAtOnce.RunAsync(8, () => _db.Freeze.FreezeAsync(token, null));

        Assert.Single(outcomes, o => o == FreezeOutcome.Frozen);
        Assert.Equal(7, outcomes.Count(o => o == FreezeOutcome.LinkNotValid));
        Assert.Single(await new SupportAuditRepository(_db.Db, _db.Clock).ForAccountAsync(accountId));
    }

    [Fact]
    public async Task AnotherMailsLinkOnAFrozenAccountKeepsTheFirstFreezeAndEndsNewSessionsAgain()
    {
        var accountId = await _db.AddAccountAsync("tweede-link@example.com");
        var first = await TokenAsync(accountId);
        var second = await TokenAsync(accountId, FreezeReasons.AuthenticatorReplaced);
        await _db.Freeze.FreezeAsync(first, null);
        var frozen = (await _db.Accounts.GetAsync(accountId))!;
        _db.Clock.Advance(TimeSpan.FromMinutes(5));
        var session = await _db.Sessions.CreateAsync(accountId, "password+totp", null, null);

        Assert.Equal(FreezeOutcome.AlreadyFrozen, await _db.Freeze.FreezeAsync(second, null));

        var after = (await _db.Accounts.GetAsync(accountId))!;
        Assert.Equal(frozen.FrozenAt, after.FrozenAt);
        Assert.Equal(frozen.FrozenReason, after.FrozenReason);
        Assert.NotEqual(frozen.SecurityStamp, after.SecurityStamp);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
    }

    [Fact]
    public async Task AFrozenAccountIsToldSoOnlyAfterTheRightPassword()
    {
        var accountId = await _db.AddAccountAsync("inloggen@example.com");
        await _db.Freeze.FreezeAsync(await TokenAsync(accountId), null);

        var right = await _db.Login.CheckPasswordAsync(Portals.Private, "inloggen@example.com", TestPasswords.Right, Client);
        var wrong = await _db.Login.CheckPasswordAsync(Portals.Private, "inloggen@example.com", "een verkeerd wachtwoord", Client);
        var unknown = await _db.Login.CheckPasswordAsync(Portals.Private, "niemand@example.com", "een verkeerd wachtwoord", Client);

        Assert.Equal(PasswordStepOutcome.Frozen, right.Outcome);
        Assert.Null(right.Account);
        Assert.Equal(PasswordStepOutcome.InvalidCredentials, wrong.Outcome);
        Assert.Equal(unknown.Outcome, wrong.Outcome);
    }

    [Fact]
    public async Task AFreezeBetweenPasswordAndCodeGivesNoSession()
    {
        var accountId = await _db.AddAccountAsync("tussendoor@example.com");
        var secret = await EnrollAsync(accountId);
        var pending = await _db.PendingLogins.StartAsync((await _db.Accounts.GetAsync(accountId))!, null);

        await _db.Freeze.FreezeAsync(await TokenAsync(accountId), null);
        var code = TotpPolicy.ComputeCode(secret, _db.Clock.GetUtcNow());

        Assert.NotEqual(CodeStepOutcome.Accepted, (await _db.Login.CompleteCodeStepAsync(pending, code, Client)).Outcome);
        Assert.Equal(CodeStepOutcome.Restart, (await _db.Login.VerifyCodeAsync(accountId, code, Client)).Outcome);
    }

    private async Task<byte[]> EnrollAsync(long accountId)
    {
        var secret = TotpPolicy.NewSecret();
        var protectedSecret = _db.Secrets.Protect(secret);
        await _db.Authenticators.GetOrCreatePendingAsync(accountId, () => protectedSecret);
        await _db.Authenticators.TryConfirmAsync(accountId, 0);
        return secret;
    }

    public void Dispose() => _db.Dispose();
}
