using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The development broker checks our AuthnRequest with the same strict verifier the portal applies to brokers.</summary>
public sealed class TestBrokerTests : IDisposable
{
    private readonly TestBroker _broker = new(new Uri("https://portal.example/"), SpTestOptions.Create());

    public void Dispose() => _broker.Dispose();

    [Fact]
    public void OurSignedAuthnRequestIsReceived()
    {
        var handle = _broker.Receive(Encode(SpTestOptions.Create()), "relay", out var problem);

        Assert.True(_broker.IsPending(handle), problem);
    }

    [Fact]
    public void ATamperedAuthnRequestIsRefused()
    {
        var document = SamlRequests.AuthnRequest(SpTestOptions.Create(), SamlSigner.NewId(), _broker.SsoUrl, DateTimeOffset.UtcNow);
        document.DocumentElement!.SetAttribute("ForceAuthn", "false");

        var handle = _broker.Receive(Base64(document.OuterXml), null, out var problem);

        Assert.Null(handle);
        Assert.Equal("handtekening van de AuthnRequest klopt niet", problem);
    }

    [Fact]
    public void AnAuthnRequestSignedWithAnotherKeyIsRefused()
    {
        using var other = SamlCertificates.CreateSelfSigned("CN=Test SP signing");
        var handle = _broker.Receive(Encode(SpTestOptions.Create() with { SigningCertificate = other }), null, out var problem);

        Assert.Null(handle);
        Assert.Equal("handtekening van de AuthnRequest klopt niet", problem);
    }

    [Fact]
    public void AnUnreadableAuthnRequestIsRefused()
    {
        var handle = _broker.Receive(Base64("<samlp:AuthnRequest"), null, out var problem);

        Assert.Null(handle);
        Assert.Equal("onleesbaar bericht", problem);
    }

    private string Encode(EHerkenningOptions options) =>
        Base64(SamlRequests.AuthnRequest(options, SamlSigner.NewId(), _broker.SsoUrl, DateTimeOffset.UtcNow).OuterXml);

    private static string Base64(string xml) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml));
}
