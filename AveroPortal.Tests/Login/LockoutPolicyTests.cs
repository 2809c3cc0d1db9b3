using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = ManualClock.DefaultStart;
    private readonly LockoutPolicy _policy = new();

    private LockoutState Fail(LockoutState state, int times, DateTimeOffset at)
    {
        for (var i = 0; i < times; i++)
        {
            var decision = _policy.BeginAttempt(state, at);
            Assert.True(decision.Allowed);
            state = decision.Next;
        }

        return state;
    }

    [Fact]
    public void FourFailuresDoNotLock()
    {
        var state = Fail(default, 4, Now);

        Assert.Equal(new LockoutState(4, null, Now.ToUnixTimeSeconds()), state);
        Assert.False(LockoutPolicy.IsLocked(state, Now));
    }

    [Fact]
    public void FifthFailureLocksForFifteenMinutes()
    {
        var state = Fail(default, 5, Now);

        Assert.Equal(new LockoutState(5, Now.AddMinutes(15).ToUnixTimeSeconds(), Now.ToUnixTimeSeconds()), state);
        Assert.True(LockoutPolicy.IsLocked(state, Now.AddMinutes(15).AddSeconds(-1)));

        var refused = _policy.BeginAttempt(state, Now.AddMinutes(14));
        Assert.False(refused.Allowed);
        Assert.Equal(state, refused.Next);
        Assert.Equal(Now.AddMinutes(15), refused.LockedUntil);
    }

    [Fact]
    public void LockExpiresAndTheCountStartsAgain()
    {
        var locked = Fail(default, 5, Now);
        var later = Now.AddMinutes(15);

        Assert.False(LockoutPolicy.IsLocked(locked, later));
        var decision = _policy.BeginAttempt(locked, later);

        Assert.True(decision.Allowed);
        Assert.Equal(new LockoutState(1, null, later.ToUnixTimeSeconds()), decision.Next);
    }

    [Fact]
    public void AfterFirstFactorTakesBackOnlyItsOwnAttempt()
    {
        var twoEarlierFailures = Fail(default, 2, Now);
        var withThisAttempt = Fail(twoEarlierFailures, 1, Now);

        Assert.Equal(twoEarlierFailures, _policy.AfterFirstFactor(withThisAttempt));
    }

    [Fact]
    public void RightPasswordAsFifthAttemptLiftsTheLockItSetButKeepsTheEarlierFailures()
    {
        var withThisAttempt = Fail(default, 5, Now);

        Assert.Equal(new LockoutState(4, null, Now.ToUnixTimeSeconds()), _policy.AfterFirstFactor(withThisAttempt));
    }

    [Fact]
    public void AfterFirstFactorNeverGoesBelowZero()
    {
        Assert.Equal(new LockoutState(0, null), _policy.AfterFirstFactor(default));
    }

    [Fact]
    public void SucceededResetsCountAndLock()
    {
        Assert.Equal(new LockoutState(0, null), LockoutPolicy.Succeeded);

        // After a reset the next failure is the first again, not the fifth.
        var decision = _policy.BeginAttempt(LockoutPolicy.Succeeded, Now);
        Assert.Equal(new LockoutState(1, null, Now.ToUnixTimeSeconds()), decision.Next);
    }

    [Fact]
    public void FailuresFifteenMinutesApartDoNotAddUp()
    {
        var four = Fail(default, 4, Now);

        var stillCounting = _policy.BeginAttempt(four, Now.Add(LockoutPolicy.FailureWindow).AddSeconds(-1));
        var quiet = _policy.BeginAttempt(four, Now.Add(LockoutPolicy.FailureWindow));

        Assert.Equal(5, stillCounting.Next.FailedCount);
        Assert.NotNull(stillCounting.Next.LockoutEnd);
        Assert.Equal(new LockoutState(1, null, Now.Add(LockoutPolicy.FailureWindow).ToUnixTimeSeconds()), quiet.Next);
    }

    [Fact]
    public void EachFailureWithinTheWindowKeepsTheCountGoing()
    {
        var state = default(LockoutState);
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            state = Fail(state, 1, Now.AddMinutes(14 * i));
        }

        Assert.True(LockoutPolicy.IsLocked(state, Now.AddMinutes(14 * 4)));
    }

    [Fact]
    public void AStateIsForgottenWhenItsLockIsOverAndItsLastFailureOutOfTheWindow()
    {
        var window = (long)LockoutPolicy.FailureWindow.TotalSeconds;
        var one = Fail(default, 1, Now);
        var locked = Fail(default, 5, Now);

        Assert.Equal(Now.ToUnixTimeSeconds() + window, LockoutPolicy.ForgetsAt(one));
        Assert.Equal(locked.LockoutEnd, LockoutPolicy.ForgetsAt(locked));
        // What a forgotten state answers is what no state at all answers: the first failure of a fresh count.
        var at = DateTimeOffset.FromUnixTimeSeconds(LockoutPolicy.ForgetsAt(locked));
        Assert.Equal(_policy.BeginAttempt(default, at), _policy.BeginAttempt(locked, at));
        at = DateTimeOffset.FromUnixTimeSeconds(LockoutPolicy.ForgetsAt(one));
        Assert.Equal(_policy.BeginAttempt(default, at), _policy.BeginAttempt(one, at));
    }

    [Fact]
    public void CurrentFailuresAreTheStoredOnesUntilTheStateIsForgotten()
    {
        var three = Fail(default, 3, Now);
        var locked = Fail(default, 5, Now);

        Assert.Equal(3, LockoutPolicy.CurrentFailures(three, Now.Add(LockoutPolicy.FailureWindow).AddSeconds(-1)));
        Assert.Equal(0, LockoutPolicy.CurrentFailures(three, Now.Add(LockoutPolicy.FailureWindow)));
        Assert.Equal(5, LockoutPolicy.CurrentFailures(locked, Now.Add(LockoutPolicy.Duration).AddSeconds(-1)));
        Assert.Equal(0, LockoutPolicy.CurrentFailures(locked, Now.Add(LockoutPolicy.Duration)));
    }
}
