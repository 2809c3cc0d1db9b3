using System.Threading.RateLimiting;

namespace AveroPortal.Core.RateLimits;

/// <summary>The counter of one instance (SQLite): .NET's fixed-window limiters, one per key.</summary>
public sealed class InProcessRateLimitCounter : IRateLimitCounter, IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, int Permits, TimeSpan Window)> _limiter =
        PartitionedRateLimiter.Create<(string Key, int Permits, TimeSpan Window), (string, int, TimeSpan)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.Item2,
                Window = k.Item3,
                QueueLimit = 0,
            }));

    public ValueTask<RateLimitDecision> HitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
    {
        using var lease = _limiter.AttemptAcquire((key, permits, window));
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        return ValueTask.FromResult(new RateLimitDecision(lease.IsAcquired, lease.IsAcquired ? TimeSpan.Zero : retryAfter));
    }

    public void Dispose() => _limiter.Dispose();
}
