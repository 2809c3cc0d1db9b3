using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

// Replays and request correlation: artifacts, assertions and InResponseTo used once, per browser, in time.
public sealed partial class EHerkenningLoginTests
{
    [Fact]
    public async Task AReplayedArtifactIsRefused()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        var artifact = NewArtifact();
        Assert.Equal(EHerkenningOutcome.SignedIn, (await _login.CompleteAsync(artifact, null, start.RelayState, start.Correlation, Client)).Outcome);

        var again = await _login.CompleteAsync(artifact, null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.Failed, again.Outcome);
        Assert.Equal(1, _resolver.Calls);
    }

    [Fact]
    public async Task AReplayedAssertionIsRefusedEvenUnderANewRequest()
    {
        var first = (await _login.BeginAsync())!;
        AuthnRequestId = first.RelayState;
        _resolver.FixedAssertionId = "_same-assertion";
        Assert.Equal(EHerkenningOutcome.SignedIn, (await _login.CompleteAsync(NewArtifact(), null, first.RelayState, first.Correlation, Client)).Outcome);

        var second = (await _login.BeginAsync())!;
        AuthnRequestId = second.RelayState;
        var result = await _login.CompleteAsync(NewArtifact(), null, second.RelayState, second.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task AnUnknownInResponseToIsLoggedAsNotARequestOfOurs()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = "_never-sent";

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client)).Outcome);

        var line = Assert.Single(_log.Warnings);
        Assert.Contains("InResponseTo '_never-sent' is not a request of ours", line, StringComparison.Ordinal);
        Assert.DoesNotContain("does not match", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResponseForAnotherBrowsersRequestIsRefused()
    {
        var start = (await _login.BeginAsync())!;
        var other = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, other.Correlation, Client)).Outcome);
        Assert.Contains("started in another browser", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlreadyUsedInResponseToIsRefused()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Assert.Equal(EHerkenningOutcome.SignedIn, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client)).Outcome);

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client)).Outcome);
        Assert.Contains("already answered (replay)", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredRequestIsLoggedAsExpired()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        _db.Clock.Advance(EHerkenningOptions.RequestLifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client)).Outcome);
        Assert.Contains("is a request of ours that has expired", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }
}
