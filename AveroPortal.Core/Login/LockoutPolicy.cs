namespace AveroPortal.Core.Login;

/// <summary>
/// Five failures (password or code), each within 15 minutes of the one before, lock an account for 15 minutes. An
/// attempt is counted as a failure before it is checked and cleared when it succeeds, so parallel wrong attempts can
/// never evaluate more than five guesses: the fifth one in flight already sets the lock. The lock is temporary on
/// purpose, so that an attacker can not keep a real customer out for long; the per-IP rate limit slows such an
/// attacker further. Addresses without an account count by the same rules, so the lock says nothing about who has one;
/// the window lets their counters be deleted once quiet (<see cref="ForgetsAt"/>) without answering differently.
/// </summary>
public sealed class LockoutPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>A counter that saw no failure for this long starts again, as after a lock.</summary>
    public static readonly TimeSpan FailureWindow = Duration;

    public static bool IsLocked(LockoutState state, DateTimeOffset now) =>
        state.LockoutEnd is { } end && end > now.ToUnixTimeSeconds();

    /// <summary>From this moment on the state counts as nothing: a deleted counter and this one answer alike.</summary>
    public static long ForgetsAt(LockoutState state) =>
        Math.Max(state.LockoutEnd ?? 0, (state.LastFailedAt ?? 0) + (long)FailureWindow.TotalSeconds);

    /// <summary>The failures that still count right now (what the support desk is shown): none once the state is forgotten.</summary>
    public static int CurrentFailures(LockoutState state, DateTimeOffset now) =>
        now.ToUnixTimeSeconds() >= ForgetsAt(state) ? 0 : state.FailedCount;

    public AttemptDecision BeginAttempt(LockoutState state, DateTimeOffset now)
    {
        if (IsLocked(state, now))
        {
            return new AttemptDecision(false, state, DateTimeOffset.FromUnixTimeSeconds(state.LockoutEnd!.Value));
        }

        // An expired lock, or a counter that went quiet, starts a fresh count.
        var seconds = now.ToUnixTimeSeconds();
        var previous = state.LockoutEnd is null && seconds < ForgetsAt(state) ? state.FailedCount : 0;
        var count = previous + 1;
        long? end = count >= MaxFailures ? now.Add(Duration).ToUnixTimeSeconds() : null;
        return new AttemptDecision(true, new LockoutState(count, end, seconds), null);
    }

    /// <summary>A right password is only half a login: it takes back its own attempt but keeps earlier code failures.</summary>
    public LockoutState AfterFirstFactor(LockoutState state)
    {
        var count = Math.Max(state.FailedCount - 1, 0);
        return count == 0
            ? Succeeded
            : new LockoutState(count, count >= MaxFailures ? state.LockoutEnd : null, state.LastFailedAt);
    }

    public static LockoutState Succeeded => new(0, null, null);
}
