using AveroPortal.Core.Freeze;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

/// <summary>The Supportdesk's side of "Dit was ik niet": the unlink mail carries a freeze link, an agent unfreezes.</summary>
public sealed partial class SupportActionsTests
{
    private async Task<long> FrozenAccountAsync(string email)
    {
        var accountId = await EnrolledAccountAsync(email);
        var link = await _db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged);
        Assert.Equal(FreezeOutcome.Frozen, await _db.Freeze.FreezeAsync(new Uri(link.Url).QueryValue("token"), null));
        return accountId;
    }

    [Fact]
    public async Task TheUnlinkMailCarriesAFreezeLinkThatFreezesTheAccount()
    {
        var accountId = await EnrolledAccountAsync("ontkoppel-link@example.com");

        await _actions.UnlinkAuthenticatorAsync(await AgentAsync(), accountId, Request);

        var mail = Assert.Single(_mail.Sent);
        var url = UrlIn(mail.TextBody);
        Assert.StartsWith("https://portaal.example/dit-was-ik-niet?token=", url, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(FreezeOutcome.Frozen, await _db.Freeze.FreezeAsync(new Uri(url).QueryValue("token"), null));
        Assert.Equal(FreezeReasons.AuthenticatorUnlinked, (await _db.Accounts.GetAsync(accountId))!.FrozenReason);
    }

    [Theory]
    [InlineData(null, "klant belde")]
    [InlineData("", "klant belde")]
    [InlineData("  ", "klant belde")]
    [InlineData("geboortedatum + polisnummer", null)]
    public async Task UnfreezeWithoutAVerificationNoteOrReasonChangesNothing(string? verification, string? reason)
    {
        var accountId = await FrozenAccountAsync("zonder-notitie@example.com");
        var before = await _audit.ForAccountAsync(accountId);

        var result = await _actions.UnfreezeAsync(await AgentAsync(), accountId, new ActionRequest(verification, reason, "192.0.2.10"));

        Assert.Equal(SupportOutcome.BadInput, result.Outcome);
        Assert.True((await _db.Accounts.GetAsync(accountId))!.IsFrozen);
        Assert.Equal(before.Count, (await _audit.ForAccountAsync(accountId)).Count);
    }

    [Fact]
    public async Task UnfreezeLiftsTheFreezeIsAuditedWithTheVerificationAndASecondOneIsHarmless()
    {
        var accountId = await FrozenAccountAsync("ontdooi@example.com");
        Assert.Contains(await _db.Accounts.ListFrozenAsync(), a => a.Id == accountId);
        var agent = await AgentAsync();

        var first = await _actions.UnfreezeAsync(agent, accountId, Request);
        var second = await _actions.UnfreezeAsync(agent, accountId, Request);

        Assert.Equal(SupportOutcome.Done, first.Outcome);
        Assert.Equal(SupportOutcome.NothingToDo, second.Outcome);
        var account = (await _db.Accounts.GetAsync(accountId))!;
        Assert.False(account.IsFrozen);
        Assert.Null(account.FrozenReason);
        Assert.DoesNotContain(await _db.Accounts.ListFrozenAsync(), a => a.Id == accountId);
        var unfreezes = (await _audit.ForAccountAsync(accountId)).Where(e => e.Action == SupportActionNames.UnfreezeAccount).ToList();
        Assert.Equal(2, unfreezes.Count);
        Assert.All(unfreezes, e => Assert.Equal("geboortedatum + polisnummer", e.Verification));
        Assert.All(unfreezes, e => Assert.Equal(agent.AccountId, e.AgentAccountId));
        Assert.Equal(["was niet bevroren", "ontdooid"], unfreezes.Select(e => e.Outcome));
        Assert.Equal(Core.Login.PasswordStepOutcome.Accepted,
            (await _db.Login.CheckPasswordAsync(Core.Login.Portals.Private, "ontdooi@example.com", TestPasswords.Right, Core.Login.ClientInfo.Of(null, null))).Outcome);
    }

    [Fact]
    public async Task UnfreezeCountsAgainstTheAgentRateLimit()
    {
        var accountId = await FrozenAccountAsync("limiet-ontdooi@example.com");
        var agent = await AgentAsync();
        while (await _limiter.TryActionAsync(agent.AccountId))
        {
        }

        Assert.Equal(SupportOutcome.RateLimited, (await _actions.UnfreezeAsync(agent, accountId, Request)).Outcome);
        Assert.True((await _db.Accounts.GetAsync(accountId))!.IsFrozen);
    }

    private static string UrlIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+").Value;
}
