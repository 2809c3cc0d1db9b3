namespace AveroPortal.Core.Login;

/// <summary>The counter state stored on an account.</summary>
public readonly record struct LockoutState(int FailedCount, long? LockoutEnd);

/// <summary>What <see cref="LockoutPolicy.BeginAttempt"/> decided.</summary>
public readonly record struct AttemptDecision(bool Allowed, LockoutState Next, DateTimeOffset? LockedUntil);

/// <summary>
/// Five consecutive failures (password or code) lock an account for 15 minutes. An attempt is counted as a
/// failure before it is checked and cleared when it succeeds, so parallel wrong attempts can never evaluate more
/// than five guesses: the fifth one in flight already sets the lock. The lock is temporary on purpose, so that an
/// attacker can not keep a real customer out for long; the per-IP rate limit slows such an attacker further.
/// </summary>
public sealed class LockoutPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public static bool IsLocked(LockoutState state, DateTimeOffset now) =>
        state.LockoutEnd is { } end && end > now.ToUnixTimeSeconds();

    public AttemptDecision BeginAttempt(LockoutState state, DateTimeOffset now)
    {
        if (IsLocked(state, now))
        {
            return new AttemptDecision(false, state, DateTimeOffset.FromUnixTimeSeconds(state.LockoutEnd!.Value));
        }

        // An expired lock starts a fresh count.
        var previous = state.LockoutEnd is null ? state.FailedCount : 0;
        var count = previous + 1;
        long? end = count >= MaxFailures ? now.Add(Duration).ToUnixTimeSeconds() : null;
        return new AttemptDecision(true, new LockoutState(count, end), null);
    }

    /// <summary>A right password is only half a login: it takes back its own attempt but keeps earlier code failures.</summary>
    public LockoutState AfterFirstFactor(LockoutState state)
    {
        var count = Math.Max(state.FailedCount - 1, 0);
        return new LockoutState(count, count >= MaxFailures ? state.LockoutEnd : null);
    }

    public static LockoutState Succeeded => new(0, null);
}
