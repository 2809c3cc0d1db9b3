using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Factors;

public sealed class FactorCheckTests : IAsyncLifetime
{
    private const string Method = "test-method";
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.9", "xunit");

    private TestDatabase _database = null!;
    private long _accountId;

    private FactorCheck Check => _database.FactorCheck;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _accountId = await _database.AddAccountAsync("factor@example.com");
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private FactorAttempt Attempt => new(_accountId, Portals.Private, Method, Client);

    private async Task<int> FailuresAsync() => (int)(await _database.Accounts.GetAsync(_accountId))!.FailedCount;

    private async Task<IReadOnlyList<string>> OutcomesAsync() =>
        (await _database.Events.LatestForAccountAsync(_accountId)).Select(e => e.Outcome).Reverse().ToList();

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Wrong)]);
        }
    }

    [Fact]
    public async Task TheAttemptIsCountedBeforeTheFactorIsEvaluated()
    {
        var counted = -1;
        var factor = new FakeFactor(FactorVerdict.Right, async () => counted = await FailuresAsync());

        await Check.CheckAsync(Attempt, [factor]);

        Assert.Equal(1, counted);
    }

    [Fact]
    public async Task RightFactorsResetTheFailures()
    {
        await FailAsync(3);

        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Right), new FakeFactor(FactorVerdict.Right)]);

        Assert.Equal(FactorOutcome.Accepted, result.Outcome);
        Assert.Equal(0, await FailuresAsync());
    }

    [Fact]
    public async Task AWrongFactorIsRefusedStaysCountedAndWritesItsOwnEvent()
    {
        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Wrong)]);

        Assert.Equal(new FactorResult(FactorOutcome.Refused, RefusedBy: FactorKind.Password), result);
        Assert.Equal(1, await FailuresAsync());
        Assert.Equal(["fake-wrong"], await OutcomesAsync());
        Assert.Equal(Method, (await _database.Events.LatestForAccountAsync(_accountId)).Single().Method);
    }

    [Fact]
    public async Task AReplayedProofIsAFailure()
    {
        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Replayed)]);

        Assert.Equal(FactorOutcome.Refused, result.Outcome);
        Assert.Equal(1, await FailuresAsync());
        Assert.Equal(["fake-replayed"], await OutcomesAsync());
    }

    [Fact]
    public async Task AnAuthenticatorCodeUsedOnceIsRefusedTheSecondTime()
    {
        var secret = TotpPolicy.NewSecret();
        await _database.Authenticators.GetOrCreatePendingAsync(_accountId, () => _database.Secrets.Protect(secret));
        Assert.True(await _database.Authenticators.TryConfirmAsync(_accountId, _database.Totp.CurrentStep - 2));
        var binding = (await _database.Authenticators.GetAsync(_accountId))!;
        var code = TotpPolicy.ComputeCode(secret, _database.Clock.GetUtcNow());
        AuthenticatorFactor Factor() => new(_database.Totp, _database.Secrets, binding.SecretProtected, code,
            step => _database.Authenticators.TryAcceptStepAsync(_accountId, step));

        var first = await Check.CheckAsync(Attempt, [Factor()]);
        var second = await Check.CheckAsync(Attempt, [Factor()]);

        Assert.Equal(FactorOutcome.Accepted, first.Outcome);
        Assert.Equal(new FactorResult(FactorOutcome.Refused, RefusedBy: FactorKind.Authenticator), second);
        Assert.Equal([LoginOutcomes.ReplayedCode], await OutcomesAsync());
        Assert.Equal(1, await FailuresAsync());
    }

    [Fact]
    public async Task TheFailureThatReachesTheLimitAnswersLockedOutWithTheLocksEnd()
    {
        await FailAsync(LockoutPolicy.MaxFailures - 1);

        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Wrong)]);

        Assert.Equal(FactorOutcome.LockedOut, result.Outcome);
        Assert.Equal(_database.Clock.GetUtcNow().Add(LockoutPolicy.Duration).ToUnixTimeSeconds(), result.LockedUntil!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ALockedAccountIsRefusedWithoutEvaluatingAFactorButWithTheSameWork()
    {
        await FailAsync(LockoutPolicy.MaxFailures);
        var factor = new FakeFactor(FactorVerdict.Right);

        var result = await Check.CheckAsync(Attempt, [factor]);

        Assert.Equal(FactorOutcome.LockedOut, result.Outcome);
        Assert.NotNull(result.LockedUntil);
        Assert.Equal(0, factor.Verified);
        Assert.Equal(1, factor.LockedOutWork);
        Assert.Equal(LoginOutcomes.LockedOut, (await OutcomesAsync())[^1]);
        Assert.Equal(LockoutPolicy.MaxFailures, await FailuresAsync());
    }

    [Fact]
    public async Task AFactorAfterAWrongOneIsNotEvaluated()
    {
        var later = new FakeFactor(FactorVerdict.Right, kind: FactorKind.Authenticator);

        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Wrong), later]);

        Assert.Equal(FactorKind.Password, result.RefusedBy);
        Assert.Equal(0, later.Verified);
    }

    [Fact]
    public async Task AFirstFactorTakesBackOnlyItsOwnAttempt()
    {
        await FailAsync(2);

        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Right)], FactorCompletion.FirstFactor);

        Assert.Equal(FactorOutcome.Accepted, result.Outcome);
        Assert.Equal(2, await FailuresAsync());
    }

    [Fact]
    public async Task ALostClaimLeavesTheAttemptCountedAndTheFailuresAsTheyWere()
    {
        await FailAsync(1);

        var result = await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Right)], claim: () => Task.FromResult(false));

        Assert.Equal(FactorOutcome.ClaimLost, result.Outcome);
        Assert.Equal(2, await FailuresAsync());
        Assert.Equal(["fake-wrong"], await OutcomesAsync());
    }

    [Fact]
    public async Task TakingBackTheAttemptOfALostClaimUndoesOnlyThatAttempt()
    {
        await FailAsync(1);
        await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Right)], claim: () => Task.FromResult(false));

        await Check.TakeBackAttemptAsync(_accountId);

        Assert.Equal(1, await FailuresAsync());
    }

    [Fact]
    public async Task TheClaimIsNotAskedWhenAFactorIsWrong()
    {
        var asked = false;

        await Check.CheckAsync(Attempt, [new FakeFactor(FactorVerdict.Wrong)], claim: () => Task.FromResult(asked = true));

        Assert.False(asked);
    }

    /// <summary>A kind of factor the check knows nothing about, as a recovery code or a passkey will be.</summary>
    private sealed class FakeFactor(FactorVerdict verdict, Func<Task>? during = null, FactorKind kind = FactorKind.Password) : IFactor
    {
        public int Verified { get; private set; }

        public int LockedOutWork { get; private set; }

        public FactorKind Kind => kind;

        public async Task<FactorVerdict> VerifyAsync()
        {
            Verified++;
            if (during is not null)
            {
                await during();
            }

            return verdict;
        }

        public void WorkWhileLockedOut() => LockedOutWork++;

        public string EventOutcome(FactorVerdict v) => v == FactorVerdict.Replayed ? "fake-replayed" : "fake-wrong";
    }
}
