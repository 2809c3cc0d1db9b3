using AveroPortal.Core.Operations;
using AveroPortal.Core.RateLimits;

namespace AveroPortal.Core.Support;

/// <summary>
/// Per-agent limits for what support pages do inside their circuit (searches, actions): those are no HTTP requests,
/// so the web host's limit never sees them. Counted by the <see cref="IRateLimitCounter"/> of the database kind, so
/// with PostgreSQL an agent has this budget across all instances together.
/// </summary>
public sealed class AgentRateLimiter : IDisposable
{
    public const int ActionsPerMinute = 30;
    public const int SearchesPerMinute = 60;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly IRateLimitCounter _counter;
    private readonly InProcessRateLimitCounter? _own;

    public AgentRateLimiter(IRateLimitCounter counter) => _counter = counter;

    /// <summary>A limiter with a counter of its own, in this process (tests).</summary>
    public AgentRateLimiter()
    {
        _own = new InProcessRateLimitCounter();
        _counter = _own;
    }

    public ValueTask<bool> TryActionAsync(long agentAccountId) => TryAcquireAsync(agentAccountId, search: false);

    public ValueTask<bool> TrySearchAsync(long agentAccountId) => TryAcquireAsync(agentAccountId, search: true);

    /// <summary>Disposes the counter only when this limiter made it; a shared one belongs to the container.</summary>
    public void Dispose() => _own?.Dispose();

    private async ValueTask<bool> TryAcquireAsync(long agentAccountId, bool search)
    {
        var key = FormattableString.Invariant($"agent-{(search ? "search" : "action")}:{agentAccountId}");
        var decision = await _counter.HitAsync(key, search ? SearchesPerMinute : ActionsPerMinute, Window);
        if (!decision.Allowed)
        {
            PortalMetrics.RateLimitRejected(search ? "agent-search" : "agent-action");
        }

        return decision.Allowed;
    }
}
