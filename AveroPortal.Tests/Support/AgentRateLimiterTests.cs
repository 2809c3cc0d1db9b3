using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

// The window is a real minute (the limiter takes no clock), so these tests pin the limits within one window.
public sealed class AgentRateLimiterTests : IDisposable
{
    private const long Agent = 7;
    private const long OtherAgent = 8;

    private readonly AgentRateLimiter _limiter = new();

    public void Dispose() => _limiter.Dispose();

    [Fact]
    public void AnAgentGetsThirtyActionsPerMinute()
    {
        var allowed = Enumerable.Range(0, AgentRateLimiter.ActionsPerMinute).Count(_ => _limiter.TryAction(Agent));

        Assert.Equal(30, allowed);
        Assert.False(_limiter.TryAction(Agent));
    }

    [Fact]
    public void AnAgentGetsSixtySearchesPerMinute()
    {
        var allowed = Enumerable.Range(0, AgentRateLimiter.SearchesPerMinute).Count(_ => _limiter.TrySearch(Agent));

        Assert.Equal(60, allowed);
        Assert.False(_limiter.TrySearch(Agent));
    }

    [Fact]
    public void AnExhaustedAgentStaysRefusedWithinTheWindow()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            _limiter.TryAction(Agent);
        }

        Assert.All(Enumerable.Range(0, 5), _ => Assert.False(_limiter.TryAction(Agent)));
    }

    [Fact]
    public void SearchesDoNotUseUpTheActionBudget()
    {
        for (var i = 0; i < AgentRateLimiter.SearchesPerMinute; i++)
        {
            _limiter.TrySearch(Agent);
        }

        Assert.False(_limiter.TrySearch(Agent));
        Assert.True(_limiter.TryAction(Agent));
    }

    [Fact]
    public void ActionsDoNotUseUpTheSearchBudget()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            _limiter.TryAction(Agent);
        }

        Assert.False(_limiter.TryAction(Agent));
        Assert.True(_limiter.TrySearch(Agent));
    }

    [Fact]
    public void OneAgentsExhaustedLimitDoesNotLimitAnother()
    {
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            _limiter.TryAction(Agent);
        }

        var allowed = Enumerable.Range(0, AgentRateLimiter.ActionsPerMinute).Count(_ => _limiter.TryAction(OtherAgent));

        Assert.False(_limiter.TryAction(Agent));
        Assert.Equal(AgentRateLimiter.ActionsPerMinute, allowed);
    }

    [Fact]
    public void SeparateLimitersKeepSeparateCounts()
    {
        using var other = new AgentRateLimiter();
        for (var i = 0; i < AgentRateLimiter.ActionsPerMinute; i++)
        {
            _limiter.TryAction(Agent);
        }

        Assert.True(other.TryAction(Agent));
    }
}
