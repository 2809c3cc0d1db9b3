using System.Threading.RateLimiting;
using AveroPortal.Core.Operations;

namespace AveroPortal.Core.Support;

/// <summary>
/// Per-agent limits for what support pages do inside their circuit (searches, actions): those are no HTTP requests,
/// so the rate-limiting middleware never sees them.
/// </summary>
public sealed class AgentRateLimiter : IDisposable
{
    public const int ActionsPerMinute = 30;
    public const int SearchesPerMinute = 60;

    private readonly PartitionedRateLimiter<(long Agent, bool Search)> _limiter =
        PartitionedRateLimiter.Create<(long Agent, bool Search), (long, bool)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.Item2 ? SearchesPerMinute : ActionsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));

    public bool TryAction(long agentAccountId) => TryAcquire((agentAccountId, false));

    public bool TrySearch(long agentAccountId) => TryAcquire((agentAccountId, true));

    public void Dispose() => _limiter.Dispose();

    private bool TryAcquire((long, bool) key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            PortalMetrics.RateLimitRejected(key.Item2 ? "agent-search" : "agent-action");
        }

        return lease.IsAcquired;
    }
}
