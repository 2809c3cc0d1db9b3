using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Invitations;

namespace AveroPortal.Tests.Colleagues;

// The seat limit (active accounts and pending invitations) and the hourly invitation cap, also under parallel requests.
public abstract partial class ColleaguesTests
{
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
        var accepted = await _db.Acceptance(_mail)
            .AcceptAsync(TokenOf(_mail.Sent[^1]), Password, Password);
        Assert.Equal(AcceptOutcome.Created, accepted.Outcome);
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, "ingetrokken@example.com")).Outcome);
        var revoked = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(Actor(inviter), revoked.Id));

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
    public async Task ParallelInvitationsCanNotRaceTheHourlyCap()
    {
        var (companyId, inviter) = await CompanyWithAccountsAsync(1);
        var sentBefore = ColleagueAdministration.MaxInvitationsPerHour - 2;
        for (var i = 0; i < sentBefore; i++)
        {
            // Sent and withdrawn: no seat, but a mail each.
            Assert.Equal(InviteOutcome.Invited, (await InviteAsync(inviter, $"eerder{i}@example.com")).Outcome);
            var pending = Assert.Single((await _colleagues.GetOverviewAsync(companyId))!.Pending);
            Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeInvitationAsync(Actor(inviter), pending.Id));
        }

        var next = 0;
        var results = await AllAtOnce.RunAsync(8, () => InviteAsync(inviter, $"race{Interlocked.Increment(ref next)}@example.com"));

        Assert.Equal(2, results.Count(r => r.Outcome == InviteOutcome.Invited));
        Assert.Equal(6, results.Count(r => r.Outcome == InviteOutcome.TooManyInvitations));
        Assert.Equal(ColleagueAdministration.MaxInvitationsPerHour, _mail.Sent.Count);
        Assert.Equal(2, await CountInvitationsAsync(companyId));
    }
}
