using AveroPortal.Core.Login;
using static AveroPortal.Tests.Passkeys.PasskeyTestBed;

namespace AveroPortal.Tests.Passkeys;

/// <summary>PasswordLogin.CompleteWithPasskeyAsync: the passkey instead of the code, under the same claim of the pending login.</summary>
public sealed class PasskeySecondFactorTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARightPasskeyCompletesTheLoginAndUsesThePendingLoginUp()
    {
        var (account, key, _) = await RegisteredAsync(_db, "tweede-factor@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);

        var result = await CompleteAsync(pendingId, key);

        Assert.Equal(CodeStepOutcome.Accepted, result.Outcome);
        Assert.Equal(account.Id, result.Account!.Id);
        Assert.Null(await _db.Login.FindPendingAsync(pendingId));
    }

    [Fact]
    public async Task TheOptionsAllowOnlyTheAccountsPasskeys()
    {
        var (account, key, _) = await RegisteredAsync(_db, "alleen-eigen@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);

        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);

        var options = System.Text.Json.Nodes.JsonNode.Parse(begin!.OptionsJson)!;
        Assert.Equal(SoftwareAuthenticator.Base64Url(key.CredentialId), (string?)Assert.Single(options["allowCredentials"]!.AsArray())!["id"]);
        Assert.Equal("required", (string?)options["userVerification"]);
    }

    [Fact]
    public async Task NoOptionsWithoutAPendingLoginOrWithoutAPasskey()
    {
        var account = await AccountAsync(_db, "geen-passkey@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);

        Assert.Null(await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser));
        Assert.Null(await _db.Passkeys.BeginSecondFactorAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Browser));
        Assert.Null(await _db.Passkeys.BeginSecondFactorAsync(null, Browser));
    }

    [Fact]
    public async Task ACounterThatWentBackIsRefusedAndSaysSoForTheSupportdesk()
    {
        var (account, key, _) = await RegisteredAsync(_db, "kloon-2f@example.com");
        key.Counter = 9;
        Assert.Equal(CodeStepOutcome.Accepted, (await CompleteAsync(await _db.Login.StartPendingAsync(account, null), key)).Outcome);
        key.Counter = 3;
        var pendingId = await _db.Login.StartPendingAsync(account, null);

        var result = await CompleteAsync(pendingId, key);

        Assert.Equal(CodeStepOutcome.InvalidCode, result.Outcome);
        Assert.True(result.PasskeyCounterRegressed);
        Assert.True(Assert.Single(await _db.PasskeySettings.ListAsync(account.Id)).CounterRegressed);
        Assert.NotNull(await _db.Login.FindPendingAsync(pendingId));
    }

    [Fact]
    public async Task APasskeyOfAnotherAccountIsAWrongProofOnThisAccount()
    {
        var (account, _, _) = await RegisteredAsync(_db, "eigenaar-2f@example.com");
        var (other, otherKey, _) = await RegisteredAsync(_db, "ander-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);

        var result = await CompleteAsync(pendingId, otherKey);

        Assert.Equal(CodeStepOutcome.InvalidCode, result.Outcome);
        Assert.Equal(1, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
        Assert.False(result.PasskeyCounterRegressed);
        Assert.Equal(0, (await _db.Accounts.GetAsync(other.Id))!.FailedCount);
        Assert.NotNull(await _db.Login.FindPendingAsync(pendingId));
    }

    [Fact]
    public async Task ARemovedPasskeyIsRefused()
    {
        var (account, key, id) = await RegisteredAsync(_db, "weg-2f@example.com");
        using var spare = new SoftwareAuthenticator();
        await RegisterAsync(_db, account, spare, "Reserve");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
        await _db.PasskeySettings.RemoveAsync(account, id, Client);

        var result = await _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, begin!.ChallengeId, key.Assert(begin.OptionsJson), Client);

        Assert.Equal(CodeStepOutcome.InvalidCode, result.Outcome);
    }

    [Fact]
    public async Task FailedAssertionsCountOnTheLockout()
    {
        var (account, key, _) = await RegisteredAsync(_db, "slot-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        key.UserVerified = false;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(CodeStepOutcome.InvalidCode, (await CompleteAsync(pendingId, key)).Outcome);
        }

        var fifth = await CompleteAsync(pendingId, key);
        key.UserVerified = true;
        var result = await CompleteAsync(pendingId, key);

        Assert.Equal(CodeStepOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(CodeStepOutcome.LockedOut, result.Outcome);
        Assert.NotNull(await _db.Login.FindPendingAsync(pendingId));
    }

    [Fact]
    public async Task ARightPasskeyThatLosesTheRaceGetsNoSession()
    {
        var (account, key, _) = await RegisteredAsync(_db, "race-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
        Assert.True(await _db.PendingLogins.TryConsumeAsync(pendingId, account.Id));

        var result = await _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, begin!.ChallengeId, key.Assert(begin.OptionsJson), Client);

        Assert.Equal(CodeStepOutcome.Expired, result.Outcome);
    }

    [Fact]
    public async Task ParallelCompletionsOfOnePendingLoginGiveOneSession()
    {
        var (account, key, _) = await RegisteredAsync(_db, "parallel-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        var answers = new List<(string ChallengeId, string Answer)>();
        for (var i = 0; i < 6; i++)
        {
            var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
            answers.Add((begin!.ChallengeId, key.Assert(begin.OptionsJson)));
        }

        var next = -1;
        var results = await AllAtOnce.RunAsync(6, () =>
        {
            var (challengeId, answer) = answers[Interlocked.Increment(ref next)];
            return _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, challengeId, answer, Client);
        });

        Assert.Single(results, r => r.Outcome == CodeStepOutcome.Accepted);
    }

    [Fact]
    public async Task AStaleChallengeIsBadInputAndKeepsThePendingLogin()
    {
        var (account, key, _) = await RegisteredAsync(_db, "oud-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
        var answer = key.Assert(begin!.OptionsJson);

        var wrongBrowser = await _db.Login.CompleteWithPasskeyAsync(pendingId, "another-browser-key-000000", begin.ChallengeId, answer, Client);

        Assert.Equal(CodeStepOutcome.BadInput, wrongBrowser.Outcome);
        Assert.NotNull(await _db.Login.FindPendingAsync(pendingId));
        Assert.Equal(0, (await _db.Accounts.GetAsync(account.Id))!.FailedCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"id\":1}")]
    [InlineData("]]]")]
    public async Task MalformedInputChangesNothing(string? response)
    {
        var (account, key, _) = await RegisteredAsync(_db, "kapot-2f@example.com");
        var pendingId = await _db.Login.StartPendingAsync(account, null);
        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
        var eventsBefore = await _db.CountLoginEventsAsync();

        var result = await _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, begin!.ChallengeId, response, Client);

        Assert.Equal(CodeStepOutcome.BadInput, result.Outcome);
        Assert.Equal(eventsBefore, await _db.CountLoginEventsAsync());
        Assert.NotNull(await _db.Login.FindPendingAsync(pendingId));
        var retry = await _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);
        Assert.Equal(CodeStepOutcome.Accepted, retry.Outcome);
    }

    private async Task<CodeStepResult> CompleteAsync(string pendingId, SoftwareAuthenticator key)
    {
        var begin = await _db.Passkeys.BeginSecondFactorAsync(pendingId, Browser);
        return await _db.Login.CompleteWithPasskeyAsync(pendingId, Browser, begin!.ChallengeId, key.Assert(begin.OptionsJson), Client);
    }
}
