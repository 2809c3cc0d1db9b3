using AveroPortal.Core.Colleagues;

namespace AveroPortal.Tests.Colleagues;

// Revoking accounts and pending invitations: only within the own company, never oneself.
public abstract partial class ColleaguesTests
{
    [Fact]
    public async Task RevokingAnAccountDisablesItEndsItsSessionsAndFreesItsSeat()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != inviter).Id;
        var stampBefore = (await _db.Accounts.GetAsync(target))!.SecurityStamp;
        var session = await _db.Sessions.CreateAsync(target, "password+totp", null, null);
        Assert.True(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));

        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(inviter), target));

        var account = (await _db.Accounts.GetAsync(target))!;
        Assert.NotNull(account.DisabledAt);
        Assert.NotEqual(stampBefore, account.SecurityStamp);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        Assert.True((await _colleagues.GetOverviewAsync(companyId))!.Accounts.Single(a => a.Id == target).IsDisabled);
        Assert.Equal(4, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "opvolger@example.com")).Outcome);
        Assert.Equal(RevokeOutcome.AlreadyRevoked, await _colleagues.RevokeAccountAsync(Actor(inviter), target));
    }

    [Fact]
    public async Task AnAccountOfAnotherCompanyOrAPrivateCustomerCanNotBeRevoked()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(1);
        var (_, stranger) = await CompanyWithAccountsAsync(1);
        var privateAccount = await _db.AddAccountAsync("particulier@example.com");
        var session = await _db.Sessions.CreateAsync(stranger, "password+totp", null, null);

        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(Actor(inviter), stranger));
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(Actor(inviter), privateAccount));
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeAccountAsync(Actor(inviter), 999_999));

        Assert.Null((await _db.Accounts.GetAsync(stranger))!.DisabledAt);
        Assert.Null((await _db.Accounts.GetAsync(privateAccount))!.DisabledAt);
        Assert.True(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
    }

    [Fact]
    public async Task NobodyRevokesTheirOwnAccount()
    {
        var (_, inviter) = await CompanyWithAccountsAsync(2);

        Assert.Equal(RevokeOutcome.NotYourself, await _colleagues.RevokeAccountAsync(Actor(inviter), inviter));

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

        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeInvitationAsync(Actor(stranger), pending.Id));
        Assert.Null((await _invitations.FindByTokenAsync(token))!.RevokedAt);

        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(Actor(inviter), pending.Id));
        Assert.NotNull((await _invitations.FindByTokenAsync(token))!.RevokedAt);
        Assert.Empty((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        Assert.Equal(RevokeOutcome.NotFound, await _colleagues.RevokeInvitationAsync(Actor(inviter), pending.Id));
    }
}
