using System.Data.Common;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Invitations;
using Dapper;

namespace AveroPortal.Tests.Colleagues;

// Roles per company: only administrators act, every company keeps one, also under parallel requests.
public abstract partial class ColleaguesTests
{
    [Fact]
    public async Task TheFirstAccountOfACompanyIsItsAdministratorAndLaterOnesAreNot()
    {
        var (companyId, first) = await CompanyWithAccountsAsync(3);

        var accounts = (await _colleagues.GetOverviewAsync(companyId))!.Accounts;

        Assert.Equal([first], accounts.Where(a => a.IsAdministrator).Select(a => a.Id));
        Assert.True(await _colleagues.IsAdministratorAsync(first));
        Assert.False(await _colleagues.IsAdministratorAsync(accounts.First(a => a.Id != first).Id));
    }

    [Fact]
    public async Task ANonAdministratorCanNotInviteResendRevokeReactivateGrantOrStepDown()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(3);
        var others = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.Where(a => a.Id != admin).Select(a => a.Id).ToList();
        var (colleague, revoked) = (others[0], others[1]);
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), revoked));
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "open@example.com")).Outcome);
        var pending = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        var auditBefore = await CountAuditAsync(companyId);
        var mailsBefore = _mail.Sent.Count;

        Assert.Equal(InviteOutcome.NotAdministrator, (await InviteAsync(colleague, "nieuw@example.com")).Outcome);
        Assert.Equal(InviteOutcome.NotAdministrator, (await _colleagues.ResendInvitationAsync(Actor(colleague), pending.Id, LinkBase)).Outcome);
        Assert.Equal(RevokeOutcome.NotAdministrator, await _colleagues.RevokeInvitationAsync(Actor(colleague), pending.Id));
        Assert.Equal(RevokeOutcome.NotAdministrator, await _colleagues.RevokeAccountAsync(Actor(colleague), admin));
        Assert.Equal(ReactivateOutcome.NotAdministrator, await _colleagues.ReactivateAsync(Actor(colleague), revoked, LinkBase));
        Assert.Equal(RoleOutcome.NotAdministrator, await _colleagues.GrantAdministratorAsync(Actor(colleague), colleague));
        Assert.Equal(RoleOutcome.NotAdministrator, await _colleagues.StepDownAsync(Actor(colleague)));
        Assert.Empty(await _colleagues.AuditAsync(Actor(colleague)));

        Assert.Equal(auditBefore, await CountAuditAsync(companyId));
        Assert.Equal(mailsBefore, _mail.Sent.Count);
        var overview = (await _colleagues.GetOverviewAsync(companyId))!;
        Assert.Equal([admin], overview.Accounts.Where(a => a.IsAdministrator).Select(a => a.Id));
        Assert.Null((await _db.Accounts.GetAsync(admin))!.DisabledAt);
        Assert.Equal(pending.Id, Assert.Single(overview.Pending).Id);
    }

    [Fact]
    public async Task TheLastAdministratorCanNotStepDownOrBeRevoked()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(2);
        var colleague = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;

        Assert.Equal(RoleOutcome.LastAdministrator, await _colleagues.StepDownAsync(Actor(admin)));
        Assert.Equal(RevokeOutcome.NotYourself, await _colleagues.RevokeAccountAsync(Actor(admin), admin));
        Assert.Equal(RevokeOutcome.NotAdministrator, await _colleagues.RevokeAccountAsync(Actor(colleague), admin));

        Assert.True(await _colleagues.IsAdministratorAsync(admin));
        Assert.Equal(0, await CountAuditAsync(companyId));

        // With a successor the role can be given away, and then the successor is the last one.
        Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(admin), colleague));
        Assert.Equal(RoleOutcome.SteppedDown, await _colleagues.StepDownAsync(Actor(admin)));
        Assert.False(await _colleagues.IsAdministratorAsync(admin));
        Assert.Equal(RoleOutcome.LastAdministrator, await _colleagues.StepDownAsync(Actor(colleague)));
        Assert.True(await _colleagues.IsAdministratorAsync(colleague));
    }

    [Fact]
    public async Task ARevokedAdministratorLosesTheRoleAndARevokedAccountCanNotBecomeOne()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(3);
        var others = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.Where(a => a.Id != admin).Select(a => a.Id).ToList();
        Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(admin), others[0]));
        Assert.Equal(RoleOutcome.AlreadyAdministrator, await _colleagues.GrantAdministratorAsync(Actor(admin), others[0]));

        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), others[0]));

        Assert.False(await _colleagues.IsAdministratorAsync(others[0]));
        Assert.False((await _colleagues.GetOverviewAsync(companyId))!.Accounts.Single(a => a.Id == others[0]).IsAdministrator);
        Assert.Equal(RoleOutcome.NotActive, await _colleagues.GrantAdministratorAsync(Actor(admin), others[0]));
        // A revoked administrator's session can no longer act.
        Assert.Equal(RevokeOutcome.NotAllowed, await _colleagues.RevokeAccountAsync(Actor(others[0]), others[1]));
    }

    [Fact]
    public async Task ParallelRevocationsOfTheTwoAdministratorsLeaveExactlyOne()
    {
        for (var round = 0; round < 5; round++)
        {
            var (companyId, first) = await CompanyWithAccountsAsync(2);
            var second = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != first).Id;
            Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(first), second));
            var turn = 0;

            var results = await AllAtOnce.RunAsync(2, () => Interlocked.Increment(ref turn) == 1
                ? _colleagues.RevokeAccountAsync(Actor(first), second)
                : _colleagues.RevokeAccountAsync(Actor(second), first));

            Assert.Single(results, RevokeOutcome.Revoked);
            var accounts = (await _colleagues.GetOverviewAsync(companyId))!.Accounts;
            var remaining = Assert.Single(accounts, a => !a.IsDisabled);
            Assert.True(remaining.IsAdministrator);
            Assert.Equal(1, await CountAuditAsync(companyId, CompanyAuditActions.ColleagueRevoked));
        }
    }

    [Fact]
    public async Task ParallelStepDownsOfTheTwoAdministratorsLeaveExactlyOne()
    {
        for (var round = 0; round < 5; round++)
        {
            var (companyId, first) = await CompanyWithAccountsAsync(2);
            var second = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != first).Id;
            Assert.Equal(RoleOutcome.Granted, await _colleagues.GrantAdministratorAsync(Actor(first), second));
            var turn = 0;

            var results = await AllAtOnce.RunAsync(2, () => _colleagues.StepDownAsync(Actor(Interlocked.Increment(ref turn) == 1 ? first : second)));

            Assert.Single(results, RoleOutcome.SteppedDown);
            Assert.Single(results, RoleOutcome.LastAdministrator);
            Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Accounts, a => a.IsAdministrator);
        }
    }

    [Fact]
    public async Task AnotherCompanysIdsBehaveLikeUnknownIds()
    {
        var (_, admin) = await CompanyWithAccountsAsync(1);
        var (otherCompany, otherAdmin) = await CompanyWithAccountsAsync(3);
        var otherAccounts = (await _colleagues.GetOverviewAsync(otherCompany))!.Accounts.Where(a => a.Id != otherAdmin).Select(a => a.Id).ToList();
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(otherAdmin), otherAccounts[0]));
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(otherAdmin, "ander@example.com")).Outcome);
        var otherPending = (await _colleagues.GetOverviewAsync(otherCompany))!.Pending.Single();
        var mails = _mail.Sent.Count;

        Assert.Equal(ReactivateOutcome.NotFound, await _colleagues.ReactivateAsync(Actor(admin), otherAccounts[0], LinkBase));
        Assert.Equal(ReactivateOutcome.NotFound, await _colleagues.ReactivateAsync(Actor(admin), 999_999, LinkBase));
        Assert.Equal(RoleOutcome.NotFound, await _colleagues.GrantAdministratorAsync(Actor(admin), otherAccounts[1]));
        Assert.Equal(InviteOutcome.NotFound, (await _colleagues.ResendInvitationAsync(Actor(admin), otherPending.Id, LinkBase)).Outcome);
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeInvitationAsync(Actor(admin), otherPending.Id));

        Assert.Equal(mails, _mail.Sent.Count);
        var other = (await _colleagues.GetOverviewAsync(otherCompany))!;
        Assert.Equal([otherAdmin], other.Accounts.Where(a => a.IsAdministrator).Select(a => a.Id));
        Assert.Equal(otherPending.Id, Assert.Single(other.Pending).Id);
        Assert.Empty(await _db.CompanyAudit.ListAsync((await _db.Accounts.GetAsync(admin))!.CompanyId!.Value));
    }

    [Fact]
    public async Task AResendGivesANewLinkKillsTheOldOneAndCountsTowardTheHourlyCap()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(1);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "nog-eens@example.com")).Outcome);
        var first = TokenOf(_mail.Sent[^1]);
        var pending = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);

        var resent = await _colleagues.ResendInvitationAsync(Actor(admin), pending.Id, LinkBase);

        Assert.Equal(InviteOutcome.Invited, resent.Outcome);
        var second = TokenOf(_mail.Sent[^1]);
        Assert.NotEqual(first, second);
        Assert.Equal("nog-eens@example.com", _mail.Sent[^1].To);
        Assert.Equal(LinkState.Revoked, (await _db.Acceptance().CheckAsync(first)).State);
        Assert.Equal(LinkState.Valid, (await _db.Acceptance().CheckAsync(second)).State);
        Assert.Equal(2, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.NotFound, (await _colleagues.ResendInvitationAsync(Actor(admin), pending.Id, LinkBase)).Outcome);

        var newest = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        for (var i = 2; i < ColleagueAdministration.MaxInvitationsPerHour; i++)
        {
            Assert.Equal(InviteOutcome.Invited, (await _colleagues.ResendInvitationAsync(Actor(admin), newest.Id, LinkBase)).Outcome);
            newest = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        }

        Assert.Equal(InviteOutcome.TooManyInvitations, (await _colleagues.ResendInvitationAsync(Actor(admin), newest.Id, LinkBase)).Outcome);
    }

    private async Task<long> CountAuditAsync(long companyId, string? action = null)
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM company_audit WHERE company_id = @CompanyId AND (@Action IS NULL OR action = @Action)",
            new { CompanyId = companyId, Action = action });
    }

    private async Task<long> CountRowsAsync(string table, long accountId, string condition = "")
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE account_id = @Id {condition}", new { Id = accountId });
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using DbConnection connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
