namespace AveroPortal.Core.RateLimits;

/// <summary>
/// The one rate-limit concept: a fixed window per key that starts at the key's first hit. With SQLite (one instance)
/// it counts in this process (<see cref="InProcessRateLimitCounter"/>); with PostgreSQL in the shared database
/// (<see cref="DatabaseRateLimitCounter"/>), so N instances together allow the limit, not N times it. Used by the web
/// host's per-client buckets and the support agents' limits.
/// </summary>
public interface IRateLimitCounter
{
    /// <summary>Counts one hit on <paramref name="key"/>; allowed while its window holds at most <paramref name="permits"/> hits.</summary>
    ValueTask<RateLimitDecision> HitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default);
}

/// <param name="RetryAfter">When refused: how long until the window ends.</param>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);
