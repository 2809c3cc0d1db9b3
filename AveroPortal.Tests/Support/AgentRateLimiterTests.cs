using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

// The window is a real minute (the limiter takes no clock), so these tests pin the limits within one window.
public sealed class AgentRateLimiterTests : IDisposable
{
    private const long Agent = 7;
    private const long OtherAgent = 8;

    private readonly AgentRateLimiter _limiter = new();

    public void Dispose() => _limiter.Dispose();

    private static async Task<int> CountAllowedAsync(int attempts, Func<ValueTask<bool>> attempt)
    {
        var allowed = 0;
        for (var i = 0; i < attempts; i++)
        {
            allowed += await attempt() ? 1 : 0;
        }

        return allowed;
    }

    [Fact]
    public async Task AnAgentGetsThirtyActionsPerMinute()
    {
        var allowed = await CountAllowedAsync(AgentRateLimiter.ActionsPerMinute, () => _limiter.TryActionAsync(Agent));

        Assert.Equal(30, allowed);
        Assert.False(await _limiter.TryActionAsync(Agent));
    }

    [Fact]
    public async Task AnAgentGetsSixtySearchesPerMinute()
    {
        var allowed = await CountAllowedAsync(AgentRateLimiter.SearchesPerMinute, () => _limiter.TrySearchAsync(Agent));

        Assert.Equal(60, allowed);
        Assert.False(await _limiter.TrySearchAsync(Agent));
    }

    [Fact]
    public async Task AnExhaustedAgentStaysRefusedWithinTheWindow()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            await _limiter.TryActionAsync(Agent);
        }

        Assert.Equal(0, await CountAllowedAsync(5, () => _limiter.TryActionAsync(Agent)));
    }

    [Fact]
    public async Task SearchesDoNotUseUpTheActionBudget()
    {
        for (var i = 0; i < AgentRateLimiter.SearchesPerMinute; i++)
        {
            await _limiter.TrySearchAsync(Agent);
        }

        Assert.False(await _limiter.TrySearchAsync(Agent));
        Assert.True(await _limiter.TryActionAsync(Agent));
    }

    [Fact]
    public async Task ActionsDoNotUseUpTheSearchBudget()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            await _limiter.TryActionAsync(Agent);
        }

        Assert.False(await _limiter.TryActionAsync(Agent));
        Assert.True(await _limiter.TrySearchAsync(Agent));
    }

    [Fact]
    public async Task OneAgentsExhaustedLimitDoesNotLimitAnother()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            await _limiter.TryActionAsync(Agent);
        }

        var allowed = await CountAllowedAsync(AgentRateLimiter.ActionsPerMinute, () => _limiter.TryActionAsync(OtherAgent));

        Assert.False(await _limiter.TryActionAsync(Agent));
        Assert.Equal(AgentRateLimiter.ActionsPerMinute, allowed);
    }

    [Fact]
    public async Task SeparateLimitersKeepSeparateCounts()
    {
        using var other = new AgentRateLimiter();
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            await _limiter.TryActionAsync(Agent);
        }

        Assert.True(await other.TryActionAsync(Agent));
    }
}
