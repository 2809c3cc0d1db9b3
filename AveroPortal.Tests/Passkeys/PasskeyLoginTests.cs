using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using Dapper;
using static AveroPortal.Tests.Passkeys.PasskeyTestBed;

namespace AveroPortal.Tests.Passkeys;

/// <summary>Passwordless login with a discoverable passkey: every WebAuthn check, the counter rule, the lockout, and the account rules of the password step.</summary>
public sealed class PasskeyLoginTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARegisteredPasskeyLogsInAndRecordsItsUse()
    {
        var (account, key, _) = await RegisteredAsync(_db, "zonder-wachtwoord@example.com");
        _db.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Accepted, result.Outcome);
        Assert.Equal(account.Id, result.Account!.Id);
        var passkey = Assert.Single(await _db.PasskeySettings.ListAsync(account.Id));
        Assert.Equal(_db.Clock.GetUtcNow(), passkey.LastUsedAt);
        Assert.Equal((LoginMethods.Passkey, LoginOutcomes.Success), await LastEventAsync(account.Id));
    }

    [Fact]
    public async Task AnAssertionFromAnotherOriginIsRefusedAndCounted()
    {
        var (account, key, _) = await RegisteredAsync(_db, "andere-origin@example.com");
        key.Origin = "https://phishing.example";

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Refused, result.Outcome);
        Assert.Equal(1, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
        Assert.Equal((LoginMethods.Passkey, LoginOutcomes.WrongPasskey), await LastEventAsync(account.Id));
    }

    [Fact]
    public async Task AnAssertionForAnotherRelyingPartyIsRefused()
    {
        var (_, key, _) = await RegisteredAsync(_db, "andere-rp@example.com");
        key.RpId = "phishing.example";

        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task AnAssertionWithoutUserVerificationIsRefused()
    {
        var (_, key, _) = await RegisteredAsync(_db, "geen-uv@example.com");
        key.UserVerified = false;

        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task AnAssertionWithoutUserPresenceIsRefused()
    {
        var (_, key, _) = await RegisteredAsync(_db, "geen-up@example.com");
        key.UserPresent = false;

        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task AReusedChallengeIsExpired()
    {
        var (_, key, _) = await RegisteredAsync(_db, "hergebruik@example.com");
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);
        var first = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);

        var replay = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);

        Assert.Equal(PasskeyLoginOutcome.Accepted, first.Outcome);
        Assert.Equal(PasskeyLoginOutcome.Expired, replay.Outcome);
    }

    [Fact]
    public async Task AReplayedAssertionIsExpiredEvenWithItsOwnChallenge()
    {
        var (_, key, _) = await RegisteredAsync(_db, "replay@example.com");
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);
        var answer = key.Assert(begin.OptionsJson);
        await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, answer, Client);

        var replay = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, answer, Client);

        Assert.Equal(PasskeyLoginOutcome.Expired, replay.Outcome);
    }

    [Fact]
    public async Task AnExpiredChallengeIsRefused()
    {
        var (_, key, _) = await RegisteredAsync(_db, "verlopen-login@example.com");
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);
        _db.Clock.Advance(PasskeyChallengeRepository.Lifetime);

        var result = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);

        Assert.Equal(PasskeyLoginOutcome.Expired, result.Outcome);
    }

    [Fact]
    public async Task AChallengeOfAnotherBrowserIsRefused()
    {
        var (_, key, _) = await RegisteredAsync(_db, "andere-browser@example.com");
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);

        var result = await _db.PasskeyLogin.LogInAsync(Portals.Private, "some-other-browser-key-0123", begin.ChallengeId, key.Assert(begin.OptionsJson), Client);

        Assert.Equal(PasskeyLoginOutcome.Expired, result.Outcome);
    }

    [Fact]
    public async Task ACounterThatGoesBackIsRefusedLoggedAndFlagged()
    {
        var (account, key, _) = await RegisteredAsync(_db, "gekloond@example.com");
        key.Counter = 4;
        Assert.Equal(PasskeyLoginOutcome.Accepted, (await PasswordlessAsync(_db, key)).Outcome);
        key.Counter = 2;

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.CounterRegressed, result.Outcome);
        Assert.True(Assert.Single(await _db.PasskeySettings.ListAsync(account.Id)).CounterRegressed);
        Assert.Equal((LoginMethods.Passkey, LoginOutcomes.PasskeyCounterRegressed), await LastEventAsync(account.Id));
        Assert.Contains(_db.PasskeyLog.Warnings, w => w.Contains("possibly a cloned authenticator", StringComparison.Ordinal));
        Assert.Equal(1, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
    }

    [Fact]
    public async Task ACounterThatStandsStillIsRefusedToo()
    {
        var (_, key, _) = await RegisteredAsync(_db, "stilstaand@example.com");
        key.Counter = 6;
        await PasswordlessAsync(_db, key);
        key.FixedCounter = true;

        Assert.Equal(PasskeyLoginOutcome.CounterRegressed, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task AFlaggedPasskeyStaysRefusedEvenWithAHigherCounter()
    {
        var (_, key, _) = await RegisteredAsync(_db, "blijft-geweigerd@example.com");
        key.Counter = 9;
        await PasswordlessAsync(_db, key);
        key.Counter = 3;
        await PasswordlessAsync(_db, key);
        key.Counter = 50;

        Assert.Equal(PasskeyLoginOutcome.CounterRegressed, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task AnAuthenticatorWithoutACounterKeepsWorking()
    {
        var (_, key, _) = await RegisteredAsync(_db, "zonder-teller@example.com");
        key.FixedCounter = true;

        Assert.Equal(PasskeyLoginOutcome.Accepted, (await PasswordlessAsync(_db, key)).Outcome);
        Assert.Equal(PasskeyLoginOutcome.Accepted, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task ACounterAtZeroAfterAHigherOneIsARegression()
    {
        var (_, key, _) = await RegisteredAsync(_db, "terug-naar-nul@example.com");
        key.Counter = 7;
        await PasswordlessAsync(_db, key);
        key.Counter = 0;
        key.FixedCounter = true;

        Assert.Equal(PasskeyLoginOutcome.CounterRegressed, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Fact]
    public async Task ARemovedPasskeyIsRefused()
    {
        var (account, key, id) = await RegisteredAsync(_db, "verwijderd@example.com");
        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RemoveAsync(account, id, Client));

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Refused, result.Outcome);
        Assert.Null(result.Account);
    }

    [Fact]
    public async Task AnUnknownPasskeyIsRefusedWithAnEventAndNoAccount()
    {
        using var key = new SoftwareAuthenticator { UserHandle = new byte[32] };
        var before = await _db.CountLoginEventsAsync();

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Refused, result.Outcome);
        Assert.Equal(before + 1, await _db.CountLoginEventsAsync());
    }

    [Fact]
    public async Task AnotherUserHandleThanThePasskeysIsRefused()
    {
        var (account, key, _) = await RegisteredAsync(_db, "andere-handle@example.com");
        key.UserHandle = new byte[32];

        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasswordlessAsync(_db, key)).Outcome);
        Assert.Equal(0, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
    }

    [Fact]
    public async Task FailedAssertionsLockTheAccountLikeWrongPasswords()
    {
        var (account, key, _) = await RegisteredAsync(_db, "slot@example.com");
        key.Origin = "https://phishing.example";
        for (var i = 0; i < 5; i++)
        {
            await PasswordlessAsync(_db, key);
        }

        key.Origin = "http://localhost:5080";
        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.LockedOut, result.Outcome);
        Assert.NotNull(result.LockedUntil);
        Assert.Equal((LoginMethods.Passkey, LoginOutcomes.LockedOut), await LastEventAsync(account.Id));
    }

    [Fact]
    public async Task ARightPasskeyResetsTheFailures()
    {
        var (account, key, _) = await RegisteredAsync(_db, "reset@example.com");
        key.UserVerified = false;
        await PasswordlessAsync(_db, key);
        key.UserVerified = true;

        await PasswordlessAsync(_db, key);

        Assert.Equal(0, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
    }

    [Fact]
    public async Task AFrozenAccountIsToldSoAfterARightPasskey()
    {
        var (account, key, _) = await RegisteredAsync(_db, "bevroren@example.com");
        await FreezeAsync(account.Id);

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Frozen, result.Outcome);
        Assert.Equal((LoginMethods.Passkey, LoginOutcomes.Frozen), await LastEventAsync(account.Id));
    }

    [Fact]
    public async Task APasskeyOfTheOtherPortalIsWrongPortal()
    {
        var (account, key, _) = await RegisteredAsync(_db, "zakelijk@example.com", Portals.Business);

        var result = await PasswordlessAsync(_db, key, Portals.Private);

        Assert.Equal(PasskeyLoginOutcome.WrongPortal, result.Outcome);
        Assert.Equal(account.Id, result.Account!.Id);
    }

    [Fact]
    public async Task ARevokedColleagueIsToldTheirAccessEnded()
    {
        var (account, key, _) = await RegisteredAsync(_db, "ingetrokken@example.com", Portals.Business);
        await DisableAsync(account.Id);

        var result = await PasswordlessAsync(_db, key, Portals.Business);

        Assert.Equal(PasskeyLoginOutcome.AccessEnded, result.Outcome);
    }

    [Fact]
    public async Task ADisabledPrivateAccountAnswersLikeAnUnknownPasskey()
    {
        var (account, key, _) = await RegisteredAsync(_db, "uitgeschakeld@example.com");
        await DisableAsync(account.Id);

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Refused, result.Outcome);
        Assert.Null(result.Account);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("niet-json")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"authenticatorData\":\"AAAA\",\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"}}")]
    [InlineData("SHORT-AUTHDATA")]
    [InlineData("HUGE")]
    public async Task MalformedInputChangesNothing(string? response)
    {
        var (account, key, _) = await RegisteredAsync(_db, "kapot-login@example.com");
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);
        var eventsBefore = await _db.CountLoginEventsAsync();
        response = response switch
        {
            "SHORT-AUTHDATA" => System.Text.Json.JsonSerializer.Serialize(new
            {
                id = SoftwareAuthenticator.Base64Url(key.CredentialId),
                rawId = SoftwareAuthenticator.Base64Url(key.CredentialId),
                type = "public-key",
                response = new { authenticatorData = "AAAA", clientDataJSON = "e30", signature = "AAAA" },
            }),
            "HUGE" => new string('[', 100_000),
            _ => response,
        };

        var result = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, response, Client);

        Assert.Equal(PasskeyLoginOutcome.BadInput, result.Outcome);
        Assert.Equal(eventsBefore, await _db.CountLoginEventsAsync());
        Assert.Equal(0, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
        var retry = await _db.PasskeyLogin.LogInAsync(Portals.Private, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);
        Assert.Equal(PasskeyLoginOutcome.Accepted, retry.Outcome);
    }

    [Fact]
    public async Task TheStaffPortalHasNoPasswordlessLogin()
    {
        var (_, key, _) = await RegisteredAsync(_db, "medewerker-portal@example.com");

        Assert.Equal(PasskeyLoginOutcome.BadInput, (await PasswordlessAsync(_db, key, Portals.Staff)).Outcome);
    }

    private async Task<(string Method, string Outcome)> LastEventAsync(long accountId)
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.QueryFirstAsync<(string, string)>(
            "SELECT method, outcome FROM login_events WHERE account_id = @A ORDER BY id DESC LIMIT 1", new { A = accountId });
    }

    private async Task FreezeAsync(long accountId)
    {
        await using var connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE accounts SET frozen_at = 1, frozen_reason = 'test' WHERE id = @A", new { A = accountId });
    }

    private async Task DisableAsync(long accountId)
    {
        await using var connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE accounts SET disabled_at = 1 WHERE id = @A", new { A = accountId });
    }
}
