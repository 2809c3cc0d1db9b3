using AveroPortal.Core.Passkeys;
using AveroPortal.Core.Support;
using AveroPortal.Tests.Passkeys;

namespace AveroPortal.Tests.Support;

/// <summary>Removing a customer's passkey: the unlink's verification note, audit, rate limit and security mail.</summary>
public sealed partial class SupportActionsTests
{
    [Fact]
    public async Task AgentRemovesAPasskeyAndTheCustomersNextPasswordlessAttemptFails()
    {
        var (account, key, passkeyId) = await PasskeyTestBed.RegisteredAsync(_db, "passkey-kwijt@example.com");
        Assert.Equal(PasskeyLoginOutcome.Accepted, (await PasskeyTestBed.PasswordlessAsync(_db, key)).Outcome);

        var result = await _actions.RemovePasskeyAsync(await AgentAsync(), account.Id, passkeyId, Request);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasskeyTestBed.PasswordlessAsync(_db, key)).Outcome);
        var entry = Assert.Single(await _audit.ForAccountAsync(account.Id));
        Assert.Equal(SupportActionNames.RemovePasskey, entry.Action);
        Assert.Equal("geboortedatum + polisnummer", entry.Verification);
        Assert.Equal("nieuwe telefoon", entry.Reason);
        Assert.Contains("Telefoon", entry.Outcome, StringComparison.Ordinal);
        var mail = Assert.Single(_mail.Sent);
        Assert.Equal("passkey-kwijt@example.com", mail.To);
        Assert.Equal("Uw passkey is verwijderd door de Supportdesk", mail.Subject);
    }

    [Fact]
    public async Task RemovingAPasskeyNeedsTheVerificationNote()
    {
        var (account, _, passkeyId) = await PasskeyTestBed.RegisteredAsync(_db, "passkey-notitie@example.com");

        var result = await _actions.RemovePasskeyAsync(await AgentAsync(), account.Id, passkeyId, new ActionRequest("", "kwijt", null));

        Assert.Equal(SupportOutcome.BadInput, result.Outcome);
        Assert.Equal(SupportInputProblem.VerificationMissing, result.Problem);
        Assert.Single(await _db.PasskeySettings.ListAsync(account.Id));
        Assert.Empty(await _audit.ForAccountAsync(account.Id));
    }

    [Fact]
    public async Task APasskeyOfAnotherAccountIsNotRemoved()
    {
        var (owner, _, passkeyId) = await PasskeyTestBed.RegisteredAsync(_db, "passkey-eigenaar@example.com");
        var other = await _db.AddAccountAsync("passkey-ander@example.com");

        var result = await _actions.RemovePasskeyAsync(await AgentAsync(), other, passkeyId, Request);

        Assert.Equal(SupportOutcome.NothingToDo, result.Outcome);
        Assert.Single(await _db.PasskeySettings.ListAsync(owner.Id));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task RemovingPasskeysCountsOnTheAgentsRateLimit()
    {
        var accountId = await _db.AddAccountAsync("passkey-veel@example.com");
        var agent = await AgentAsync();
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            await _actions.UnlockAsync(agent, accountId, Request);
        }

        var result = await _actions.RemovePasskeyAsync(agent, accountId, 1, Request);

        Assert.Equal(SupportOutcome.RateLimited, result.Outcome);
    }
}
