using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Invitations;
using Dapper;

namespace AveroPortal.Tests.Colleagues;

// Re-activating a revoked colleague: a link to the same address that re-enables the old account without its old factors.
public abstract partial class ColleaguesTests
{
    [Fact]
    public async Task AcceptingAReactivationReEnablesTheOldAccountWithANewPasswordAndNoOldFactors()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(2);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        await GiveEveryFactorAsync(target);
        Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(admin), target));
        var session = await _db.Sessions.CreateAsync(target, "password+totp", null, null);
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
        var revoked = (await _db.Accounts.GetAsync(target))!;

        Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
        var mail = _mail.Sent[^1];
        Assert.Equal(revoked.Email, mail.To);
        Assert.Equal("Uw account voor Mijn Avéro Achmea Bedrijven wordt opnieuw geactiveerd", mail.Subject);
        var (state, invitation) = await _db.Acceptance(_mail).CheckAsync(TokenOf(mail));
        Assert.Equal(LinkState.Valid, state);
        Assert.Equal(InvitationKinds.Reactivation, invitation!.Kind);
        Assert.Equal(target, invitation.AccountId);
        Assert.True(Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending).IsReactivation);

        var accepted = await _db.Acceptance(_mail).AcceptAsync(TokenOf(mail), Password, Password, "198.51.100.4");

        Assert.Equal(AcceptOutcome.Created, accepted.Outcome);
        Assert.Equal(target, accepted.Account!.Id);
        var account = (await _db.Accounts.GetAsync(target))!;
        Assert.Null(account.DisabledAt);
        Assert.NotEqual(revoked.PasswordHash, account.PasswordHash);
        Assert.NotEqual(revoked.SecurityStamp, account.SecurityStamp);
        Assert.Equal(0, account.FailedCount);
        Assert.Null(await _db.Authenticators.GetAsync(target));
        foreach (var table in new[] { "authenticator_bindings", "recovery_codes", "passkey_credentials", "pending_logins", "password_resets", "freeze_tokens" })
        {
            Assert.True(await CountRowsAsync(table, target) == 0, table);
        }

        Assert.Equal(0, await CountRowsAsync("sessions", target, "AND ended_at IS NULL"));
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        var overview = (await _colleagues.GetOverviewAsync(companyId))!;
        var colleague = overview.Accounts.Single(a => a.Id == target);
        Assert.False(colleague.IsAdministrator);
        Assert.False(colleague.IsEnrolled);
        Assert.Empty(overview.Pending);
        Assert.Equal(2, overview.InUse);
        var reactivated = (await _db.CompanyAudit.ListAsync(companyId))[0];
        Assert.Equal((CompanyAuditActions.ColleagueReactivated, CompanyAuditActorKinds.Customer, "198.51.100.4"),
            (reactivated.Action, reactivated.ActorKind, reactivated.ClientAddress));
        var notice = _mail.Sent[^1];
        Assert.Equal("Uw account voor Mijn Avéro Achmea Bedrijven is opnieuw geactiveerd", notice.Subject);
        Assert.Contains("dit-was-ik-niet?token=", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(LinkState.Used, (await _db.Acceptance(_mail).CheckAsync(TokenOf(mail))).State);
        Assert.Equal(AcceptOutcome.InvalidLink, (await _db.Acceptance(_mail).AcceptAsync(TokenOf(mail), Password, Password)).Outcome);
    }

    [Fact]
    public async Task OnlyARevokedAccountOfTheOwnCompanyIsReactivatedAndItsLinkHoldsASeat()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;

        Assert.Equal(ReactivateOutcome.NotRevoked, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
        Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
        var first = TokenOf(_mail.Sent[^1]);

        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.LimitReached, (await InviteAsync(admin, "zesde@example.com")).Outcome);
        // Sending it again replaces the link and takes no second seat.
        Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
        Assert.Equal(LinkState.Revoked, (await _db.Acceptance(_mail).CheckAsync(first)).State);
        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
    }

    [Fact]
    public async Task AReactivationFindsNoSeatWhenFiveAreInUse()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "vijfde@example.com")).Outcome);
        var mails = _mail.Sent.Count;

        Assert.Equal(ReactivateOutcome.LimitReached, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));

        Assert.Equal(mails, _mail.Sent.Count);
        Assert.DoesNotContain((await _colleagues.GetOverviewAsync(companyId))!.Pending, p => p.IsReactivation);
    }

    [Fact]
    public async Task AcceptingAReactivationRechecksTheSeatsInItsOwnTransaction()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(4);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
        Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
        var token = TokenOf(_mail.Sent[^1]);
        // Something outside the colleague rules (a data fix, an eHerkenning-era account) filled the fifth seat meanwhile.
        await AddAccountAsync(companyId, "erbij@example.com");
        await AddAccountAsync(companyId, "nog-een-erbij@example.com");

        var accepted = await _db.Acceptance(_mail).AcceptAsync(token, Password, Password);

        Assert.Equal(AcceptOutcome.LimitReached, accepted.Outcome);
        Assert.NotNull((await _db.Accounts.GetAsync(target))!.DisabledAt);
        Assert.Equal(LinkState.Valid, (await _db.Acceptance(_mail).CheckAsync(token)).State);
    }

    [Fact]
    public async Task ReactivationInParallelWithAnInvitationNeverPassesFiveSeats()
    {
        for (var round = 0; round < 5; round++)
        {
            var (companyId, admin) = await CompanyWithAccountsAsync(5);
            var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
            Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
            var turn = 0;

            var results = await AllAtOnce.RunAsync(4, async () => Interlocked.Increment(ref turn) % 2 == 0
                ? (await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase)) == ReactivateOutcome.Sent
                : (await InviteAsync(admin, $"race{round}-{turn}@example.com")).Outcome == InviteOutcome.Invited);

            Assert.Single(results, sent => sent);
            Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        }
    }

    [Fact]
    public async Task AcceptingAReactivationInParallelWithAnInvitationNeverPassesFiveSeats()
    {
        for (var round = 0; round < 3; round++)
        {
            var (companyId, admin) = await CompanyWithAccountsAsync(4);
            var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
            Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
            Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), target, LinkBase));
            var token = TokenOf(_mail.Sent[^1]);
            var turn = 0;

            var results = await AllAtOnce.RunAsync(2, async () => Interlocked.Increment(ref turn) == 1
                ? (await _db.Acceptance(_mail).AcceptAsync(token, Password, Password)).Outcome.ToString()
                : (await InviteAsync(admin, $"wedloop{round}@example.com")).Outcome.ToString());

            Assert.Contains(AcceptOutcome.Created.ToString(), results);
            var overview = (await _colleagues.GetOverviewAsync(companyId))!;
            Assert.True(overview.InUse <= 5, $"{overview.InUse} seats in use: {string.Join(", ", results)}");
        }
    }

    [Fact]
    public async Task TheMailsToTheRevokedAndTheNewAdministratorSayWhatHappened()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(3);
        var others = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.Where(a => a.Id != admin).ToList();

        Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(admin), others[0].Id));
        var granted = _mail.Sent[^1];
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), others[1].Id));
        var revoked = _mail.Sent[^1];

        Assert.Equal((others[0].Email, "U bent beheerder van Mijn Avéro Achmea Bedrijven"), (granted.To, granted.Subject));
        Assert.Contains("dit-was-ik-niet?token=", granted.TextBody, StringComparison.Ordinal);
        Assert.Equal((others[1].Email, "Uw account voor Mijn Avéro Achmea Bedrijven is ingetrokken"), (revoked.To, revoked.Subject));
        // A disabled account has nothing left to freeze; see EmailTemplates.ColleagueRevoked.
        Assert.DoesNotContain("dit-was-ik-niet", revoked.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryColleagueActionWritesExactlyOneAuditRow()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(3);
        var others = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.Where(a => a.Id != admin).Select(a => a.Id).ToList();
        var actions = new List<string>();

        async Task StepAsync(string action, Func<Task> step)
        {
            var before = await CountAuditAsync(companyId);
            await step();
            Assert.Equal(before + 1, await CountAuditAsync(companyId));
            Assert.Equal(action, (await _db.CompanyAudit.ListAsync(companyId))[0].Action);
            actions.Add(action);
        }

        await StepAsync(CompanyAuditActions.InvitationSent, async () => Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "a@example.com")).Outcome));
        var pending = (await _colleagues.GetOverviewAsync(companyId))!.Pending.Single();
        await StepAsync(CompanyAuditActions.InvitationResent, async () =>
            Assert.Equal(InviteOutcome.Invited, (await _colleagues.ResendInvitationAsync(Actor(admin), pending.Id, LinkBase)).Outcome));
        pending = (await _colleagues.GetOverviewAsync(companyId))!.Pending.Single();
        await StepAsync(CompanyAuditActions.InvitationRevoked, async () => Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(Actor(admin), pending.Id)));
        await StepAsync(CompanyAuditActions.ColleagueRevoked, async () => Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), others[0])));
        await StepAsync(CompanyAuditActions.ReactivationSent, async () => Assert.Equal(ReactivateOutcome.Sent, await _colleagues.ReactivateAsync(Actor(admin), others[0], LinkBase)));
        var token = TokenOf(_mail.Sent.Last(m => m.Subject.Contains("wordt opnieuw geactiveerd", StringComparison.Ordinal)));
        await StepAsync(CompanyAuditActions.ColleagueReactivated, async () => Assert.Equal(AcceptOutcome.Created, (await _db.Acceptance(_mail).AcceptAsync(token, Password, Password)).Outcome));
        await StepAsync(CompanyAuditActions.AdministratorGranted, async () => Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(admin), others[1])));
        await StepAsync(CompanyAuditActions.AdministratorStepDown, async () => Assert.Equal(RoleOutcome.SteppedDown, await _colleagues.StepDownAsync(Actor(admin))));

        Assert.Equal(CompanyAuditActions.All.Order(), actions.Order());
        var audit = await _colleagues.AuditAsync(Actor(others[1]));
        Assert.Equal(actions.AsEnumerable().Reverse(), audit.Select(e => e.Action));
        var adminName = (await _db.Accounts.GetAsync(admin))!.DisplayName;
        Assert.All(audit.Where(e => e.ActorKind == CompanyAuditActorKinds.Colleague), e => Assert.Equal((adminName, "192.0.2.7"), (e.ActorName, e.ClientAddress)));
        Assert.Equal("a@example.com", audit.Single(e => e.Action == CompanyAuditActions.InvitationSent).TargetEmail);
        // The one who stepped down is no administrator any more: the audit is not theirs to read.
        Assert.Empty(await _colleagues.AuditAsync(Actor(admin)));
    }

    [Fact]
    public async Task TheCompanyAuditRefusesUpdateAndDelete()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(1);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "audit@example.com")).Outcome);
        await using var connection = await _db.Db.OpenAsync();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            connection.ExecuteAsync("UPDATE company_audit SET actor_name = 'iemand anders' WHERE company_id = @CompanyId", new { CompanyId = companyId }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            connection.ExecuteAsync("DELETE FROM company_audit WHERE company_id = @CompanyId", new { CompanyId = companyId }));

        var entry = Assert.Single(await _db.CompanyAudit.ListAsync(companyId));
        Assert.Equal((await _db.Accounts.GetAsync(admin))!.DisplayName, entry.ActorName);
    }

    [Fact]
    public async Task AFailedReactivationMailWithdrawsTheLink()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(2);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));

        Assert.Equal(ReactivateOutcome.MailFailed, await Administration(new FailingEmailSender()).ReactivateAsync(Actor(admin), target, LinkBase));

        Assert.Empty((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        Assert.Equal(CompanyAuditActions.InvitationRevoked, (await _db.CompanyAudit.ListAsync(companyId))[0].Action);
    }

    /// <summary>An enrolled authenticator, recovery codes, a passkey, a pending sign-in, a reset link and a freeze link.</summary>
    private async Task GiveEveryFactorAsync(long accountId)
    {
        await _db.Authenticators.GetOrCreatePendingAsync(accountId, () => _db.Secrets.Protect(new byte[20]));
        Assert.True(await _db.Authenticators.TryConfirmAsync(accountId, 0));
        var now = _db.Clock.GetUtcNow().ToUnixTimeSeconds();
        var p = new { Id = accountId, Now = now, Later = now + 3600, Key = $"k{accountId}" };
        await ExecuteAsync("INSERT INTO recovery_codes (account_id, code_hash, created_at, used_at) VALUES (@Id, @Key, @Now, NULL)", p);
        await ExecuteAsync("""
            INSERT INTO passkey_credentials (account_id, credential_id, user_handle, public_key, sign_count, transports, aaguid, name, created_at)
            VALUES (@Id, @Key, 'handle', 'key', 0, NULL, 'aaguid', 'Telefoon', @Now)
            """, p);
        await ExecuteAsync("""
            INSERT INTO pending_logins (id_hash, purpose, account_id, portal, security_stamp, return_url, created_at, expires_at)
            VALUES (@Key, 'password', @Id, 'business', NULL, NULL, @Now, @Later)
            """, p);
        await ExecuteAsync("INSERT INTO password_resets (token_hash, account_id, security_stamp, created_at, expires_at) VALUES (@Key, @Id, NULL, @Now, @Later)", p);
        await _db.FreezeLinks.CreateAsync(accountId, "test");
        foreach (var table in new[] { "authenticator_bindings", "recovery_codes", "passkey_credentials", "pending_logins", "password_resets", "freeze_tokens" })
        {
            Assert.True(await CountRowsAsync(table, accountId) == 1, table);
        }
    }
}
