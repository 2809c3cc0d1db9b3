using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Dapper;
using AveroPortal.Blazor.DevBrokers.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

// Responses refused without a sign-in: relay state, binding, metadata, level, malformed artifacts.
public sealed partial class EHerkenningLoginTests
{
    [Fact]
    public async Task AMissingRelayStateIsRefusedBeforeTheArtifactIsResolved()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, null, start.Correlation, Client)).Outcome);

        Assert.Equal(0, _resolver.Calls);
        Assert.Contains("RelayState is missing", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostedSamlResponseIsRefusedWhileArtifactIsConfigured()
    {
        var start = (await _login.BeginAsync())!;
        // A response the broker key really signed, for our request: only the binding is wrong.
        var response = new SamlResponseBuilder(_brokerKey, _spKey)
        {
            Issuer = _broker.EntityId, Audience = SpEntity, Destination = Acs, AuthnRequestId = start.RelayState,
            IssueInstant = DateTimeOffset.UtcNow, NotBefore = DateTimeOffset.UtcNow.AddMinutes(-1), NotOnOrAfter = DateTimeOffset.UtcNow.AddMinutes(2),
            Level = Level, KvkNumber = Kvk, ActingSubjectId = "pseudo-1",
        }.BuildPostResponse();

        var result = await _login.CompleteAsync(null, response, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.Failed, result.Outcome);
        Assert.Contains("while Broker:ResponseBinding is Artifact", Assert.Single(_log.Warnings), StringComparison.Ordinal);
        Assert.Equal(RequestState.Outstanding, await new SamlStateRepository(_db.Db, _db.Clock).DescribeRequestAsync(start.RelayState, start.Correlation));
    }

    [Fact]
    public async Task AnArtifactIsRefusedWhilePostIsConfigured()
    {
        var post = new EHerkenningLogin(_options with { ResponseBinding = ResponseBinding.Post }, new FixedBrokerMetadata(_broker), _resolver,
            new SamlStateRepository(_db.Db, _db.Clock), new SamlResponseValidator(TimeProvider.System), _db.Customers, _db.Events,
            _log.For<EHerkenningLogin>(), TimeProvider.System);
        var start = (await post.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        var result = await post.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.Failed, result.Outcome);
        Assert.Equal(0, _resolver.Calls);
        Assert.Contains("SAMLart arrived while Broker:ResponseBinding is Post", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTrustedMetadataNoLoginStarts()
    {
        var login = new EHerkenningLogin(_options, new FixedBrokerMetadata(_broker with { ValidUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }), _resolver,
            new SamlStateRepository(_db.Db, _db.Clock), new SamlResponseValidator(TimeProvider.System), _db.Customers, _db.Events,
            _log.For<EHerkenningLogin>(), TimeProvider.System);

        Assert.Null(await login.BeginAsync());

        Assert.Contains("expired", Assert.Single(_log.Warnings), StringComparison.Ordinal);
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM saml_requests"));
    }

    [Fact]
    public async Task ATamperedRelayStateIsRefused()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState + "x", start.Correlation, Client)).Outcome);
        Assert.Contains($"RelayState '{start.RelayState}x' does not match InResponseTo '{start.RelayState}' (is an outstanding request of ours)",
            Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loa2")]
    [InlineData("loa2plus")]
    public async Task LevelsBelowEh3AreRefused(string level)
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Level = SamlVocabulary.LevelPrefix + level;

        Assert.Equal(EHerkenningOutcome.LevelTooLow, (await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client)).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kapot")]
    [InlineData("AAQAACtFCwW1R7216asQ/LLPzqzV85bXs9AtkR0HV9YPBjBxfHXdr6fs21w=")]
    public async Task MalformedOrForeignArtifactsAreRefusedWithoutAResolve(string? artifact)
    {
        var start = (await _login.BeginAsync())!;

        Assert.Equal(EHerkenningOutcome.Failed, (await _login.CompleteAsync(artifact, null, start.RelayState, start.Correlation, Client)).Outcome);
        Assert.Equal(0, _resolver.Calls);
    }
}
