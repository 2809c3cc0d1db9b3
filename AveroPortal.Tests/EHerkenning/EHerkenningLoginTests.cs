using System.Xml;
using AveroPortal.Core.Customers;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Login;
using Dapper;
using AveroPortal.Blazor.DevBrokers.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The stateful half of the SP: our request used once and per browser, artifacts and assertions used once, the KVK check.</summary>
public sealed class EHerkenningLoginTests : IDisposable
{
    private const string Acs = "https://portal.example/eherkenning/acs";
    private const string SpEntity = "urn:etoegang:DV:00000001002220647000:entities:0001";
    private static readonly ClientInfo Client = new("192.0.2.5", "test");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _brokerKey = SamlCertificates.CreateSelfSigned("CN=Test broker");
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _spKey = SamlCertificates.CreateSelfSigned("CN=Test SP");
    private readonly BrokerMetadata _broker;
    private readonly FakeBroker _resolver;
    private readonly EHerkenningLogin _login;
    private readonly EHerkenningOptions _options;
    private readonly CapturedLog _log = new();

    public EHerkenningLoginTests()
    {
        _broker = new BrokerMetadata("urn:etoegang:HM:00000003000000000000:entities:9999", "https://broker.example/sso", "https://broker.example/ars", [_brokerKey]);
        var options = _options = new EHerkenningOptions(SpEntity, Acs, "00000001002220647000", "Mijn Avéro Achmea Bedrijven", 1,
            "urn:etoegang:DV:00000001002220647000:services:1", "6b2b4b4e-2f5e-4c8a-9d0c-1f3a5e7b9c11", SamlVocabulary.LevelPrefix + "loa3",
            true, _spKey, _spKey, ResponseBinding.Artifact, null);
        _resolver = new FakeBroker(this);
        _login = new EHerkenningLogin(options, new FixedBrokerMetadata(_broker), _resolver, new SamlStateRepository(_db.Db, _db.Clock),
            new SamlResponseValidator(TimeProvider.System), _db.Customers, _db.Events, _log.For<EHerkenningLogin>(), TimeProvider.System);
        _db.Customers.AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1, "A", "0", "a@example.com")).GetAwaiter().GetResult();
    }

    private string Kvk { get; set; } = "24444001";

    private string Level { get; set; } = SamlVocabulary.LevelPrefix + "loa3";

    private string? AuthnRequestId { get; set; }

    private string? Branch { get; set; }

    [Fact]
    public async Task AValidArtifactSignsInAndStoresTheIdentity()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.SignedIn, result.Outcome);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal("pseudo-1", result.Identity.ActingSubjectId);
        Assert.Equal(_broker.EntityId, result.Identity.Broker);
    }

    [Fact]
    public async Task TheBranchRestrictionIsKept()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Branch = "000012345678";

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal("000012345678", result.Identity!.BranchNumber);
    }

    [Fact]
    public async Task TheAuthnRequestIsSignedAndCarriesTheProfileAttributes()
    {
        var start = (await _login.BeginAsync())!;
        var document = new XmlDocument();
        document.LoadXml(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(start.SamlRequest)));
        var request = document.DocumentElement!;

        Assert.True(SamlSignature.TryVerify(request, [_spKey], "AuthnRequest", out _, out _));
        Assert.Equal("true", request.GetAttribute("ForceAuthn"));
        Assert.Equal(SamlVocabulary.ArtifactBinding, request.GetAttribute("ProtocolBinding"));
        Assert.Equal("1", request.GetAttribute("AttributeConsumingServiceIndex"));
        Assert.Equal(Acs, request.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(start.RelayState, request.GetAttribute("ID"));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(start.RelayState) <= 80);
    }

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

    [Fact]
    public async Task AKvkThatIsNotInsuredStoresNothingButALoginEvent()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Kvk = "12345678";

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.KvkNotInsured, result.Outcome);
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM eherkenning_identities"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM login_events WHERE outcome = 'kvk-not-insured'"));
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

    public void Dispose()
    {
        _db.Dispose();
        _brokerKey.Dispose();
        _spKey.Dispose();
    }

    private string NewArtifact()
    {
        var bytes = new byte[44];
        bytes[1] = 4;
        System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(_broker.EntityId)).CopyTo(bytes, 4);
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes.AsSpan(24));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Answers ArtifactResolves like the broker would, signed with the broker key, for the request the test names.</summary>
    private sealed class FakeBroker(EHerkenningLoginTests test) : IArtifactResolver
    {
        public int Calls { get; private set; }

        public string? FixedAssertionId { get; set; }

        public Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default)
        {
            Calls++;
            var document = new XmlDocument();
            document.LoadXml(artifactResolveSoap);
            var resolve = (XmlElement)document.GetElementsByTagName("ArtifactResolve", SamlVocabulary.Protocol)[0]!;
            var now = DateTimeOffset.UtcNow;
            var builder = new SamlResponseBuilder(test._brokerKey, test._spKey)
            {
                Issuer = test._broker.EntityId,
                Audience = SpEntity,
                Destination = Acs,
                ArtifactResolveId = resolve.GetAttribute("ID"),
                AuthnRequestId = test.AuthnRequestId ?? "_none",
                IssueInstant = now,
                NotBefore = now.AddMinutes(-1),
                NotOnOrAfter = now.AddMinutes(2),
                Level = test.Level,
                KvkNumber = test.Kvk,
                ActingSubjectId = "pseudo-1",
                BranchNumber = test.Branch,
            };
            if (FixedAssertionId is not null)
            {
                builder.AssertionId = FixedAssertionId;
            }

            return Task.FromResult(builder.BuildArtifactResponse());
        }
    }
}
