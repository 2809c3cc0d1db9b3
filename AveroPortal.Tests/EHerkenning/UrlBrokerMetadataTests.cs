using System.Net;
using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>Metadata from a URL: checked on every fetch, cached for an hour, and a failed refresh keeps the last good keys.</summary>
public sealed class UrlBrokerMetadataTests : IDisposable
{
    private static readonly Uri Url = new("https://broker.example/metadata");
    private readonly ManualClock _clock = new(SamlTestData.Now);
    private readonly CapturedLog _log = new();
    private readonly X509Certificate2 _metadataKey = SamlCertificates.CreateSelfSigned("CN=Test broker metadata");
    private readonly X509Certificate2 _newBrokerKey = SamlCertificates.CreateSelfSigned("CN=Test broker rolled over");
    private readonly ScriptedHandler _handler = new();

    private UrlBrokerMetadata Source() => new(new HttpClient(_handler), Url, _metadataKey, _clock, _log.For<UrlBrokerMetadata>());

    private string Signed(X509Certificate2 brokerKey, DateTimeOffset? validUntil = null, X509Certificate2? signer = null) =>
        new BrokerMetadata(SamlTestData.BrokerEntityId, "https://broker.example/sso", "https://broker.example/ars", [brokerKey])
            .ToSignedXml(signer ?? _metadataKey, validUntil ?? _clock.GetUtcNow().AddDays(7));

    [Fact]
    public async Task TrustedMetadataIsFetchedOnceAnHour()
    {
        _handler.Answers.Enqueue(Ok(Signed(SamlTestData.Broker)));
        var source = Source();

        var first = await source.GetAsync();
        _clock.Advance(TimeSpan.FromMinutes(59));
        var second = await source.GetAsync();

        Assert.Same(first, second);
        Assert.Equal(1, _handler.Calls);
    }

    [Theory]
    [InlineData("server error")]
    [InlineData("unsigned")]
    [InlineData("another key")]
    [InlineData("unreachable")]
    public async Task ARefreshFailureKeepsTheOldKeysAndLogsAWarning(string failure)
    {
        _handler.Answers.Enqueue(Ok(Signed(SamlTestData.Broker)));
        var source = Source();
        await source.GetAsync();
        _clock.Advance(TimeSpan.FromMinutes(61));
        _handler.Answers.Enqueue(failure switch
        {
            "server error" => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            "unsigned" => Ok(new BrokerMetadata(SamlTestData.BrokerEntityId, "https://broker.example/sso", null, [_newBrokerKey]).ToXml(_clock.GetUtcNow().AddDays(7)).OuterXml),
            "another key" => Ok(Signed(_newBrokerKey, signer: SamlTestData.Attacker)),
            _ => null,
        });

        var metadata = await source.GetAsync();

        Assert.Equal(SamlTestData.Broker.Thumbprint, Assert.Single(metadata.SigningCertificates).Thumbprint);
        Assert.Contains("keeping the last good metadata", Assert.Single(_log.Warnings), StringComparison.Ordinal);
        Assert.Equal(2, _handler.Calls);
    }

    [Fact]
    public async Task ATrustedRefreshRollsOverToTheNewKeys()
    {
        _handler.Answers.Enqueue(Ok(Signed(SamlTestData.Broker)));
        _handler.Answers.Enqueue(Ok(Signed(_newBrokerKey)));
        var source = Source();
        await source.GetAsync();
        _clock.Advance(TimeSpan.FromMinutes(61));

        var metadata = await source.GetAsync();

        Assert.Equal(_newBrokerKey.Thumbprint, Assert.Single(metadata.SigningCertificates).Thumbprint);
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task TheLastGoodMetadataIsNotServedPastItsValidUntil()
    {
        _handler.Answers.Enqueue(Ok(Signed(SamlTestData.Broker, validUntil: _clock.GetUtcNow().AddMinutes(30))));
        var source = Source();
        await source.GetAsync();
        _clock.Advance(TimeSpan.FromMinutes(31));
        _handler.Answers.Enqueue(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<BrokerMetadataUnavailableException>(() => source.GetAsync());
    }

    [Fact]
    public async Task WithoutAnyTrustedMetadataNothingIsServed()
    {
        _handler.Answers.Enqueue(Ok(Signed(SamlTestData.Broker, validUntil: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))));

        var error = await Assert.ThrowsAsync<BrokerMetadataUnavailableException>(() => Source().GetAsync());

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", Assert.Single(_log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedMetadataIsRefused()
    {
        _handler.Answers.Enqueue(Ok(new string(' ', UrlBrokerMetadata.MaxMetadataBytes + 1)));

        var error = await Assert.ThrowsAsync<BrokerMetadataUnavailableException>(() => Source().GetAsync());

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _metadataKey.Dispose();
        _newBrokerKey.Dispose();
        _handler.Dispose();
    }

    private static HttpResponseMessage Ok(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body) };

    /// <summary>Answers each request with the next scripted response; null stands for a broker that can not be reached.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        public Queue<HttpResponseMessage?> Answers { get; } = new();

        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            Assert.Equal(Url, request.RequestUri);
            return Answers.Dequeue() is { } answer ? Task.FromResult(answer) : throw new HttpRequestException("connection refused");
        }
    }
}
