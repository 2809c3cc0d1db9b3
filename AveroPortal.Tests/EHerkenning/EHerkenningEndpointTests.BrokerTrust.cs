using AveroPortal.Blazor.Features.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.EHerkenning;

// Trusting the broker at start-up: pinned, signed, fresh metadata from a file or an https URL.
public sealed partial class EHerkenningEndpointTests
{
    [Fact]
    public async Task MetadataSignedByThePinnedCertificateIsTrusted()
    {
        await using var factory = RealBroker();

        var metadata = await factory.Get<IBrokerMetadataSource>().GetAsync();

        Assert.Equal("https://broker.example/sso", metadata.SsoUrl);
    }

    [Theory]
    [InlineData("tampered", "does not verify")]
    [InlineData("unsigned", "not signed")]
    [InlineData("signed by another key", "does not verify")]
    [InlineData("expired", "expired at 2020-01-01")]
    public void UntrustedMetadataStopsStartUpNamingTheKey(string problem, string reason)
    {
        using var factory = RealBroker(metadata: files => problem switch
        {
            "tampered" => files.Broker.ToSignedXml(files.MetadataKey, Now.AddDays(7)).Replace("https://broker.example/sso", "https://attacker.example/sso", StringComparison.Ordinal),
            "unsigned" => files.Broker.ToXml(Now.AddDays(7)).OuterXml,
            "signed by another key" => files.Broker.ToSignedXml(files.Broker.SigningCertificates[0], Now.AddDays(7)),
            _ => files.Broker.ToSignedXml(files.MetadataKey, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPinnedMetadataCertificateStartUpStops()
    {
        using var factory = RealBroker(change: (s, _) => s.Remove("Avero:EHerkenning:Broker:MetadataSigningCertificate"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataSigningCertificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testing", "http://broker.example/metadata")]
    [InlineData("Production", "http://127.0.0.1:9/metadata")]
    [InlineData("Testing", "/metadata")]
    public void AMetadataUrlThatIsNotHttpsIsRefused(string environment, string url)
    {
        using var factory = RealBroker(environment, change: (s, _) =>
        {
            s.Remove("Avero:EHerkenning:Broker:MetadataPath");
            s["Avero:EHerkenning:Broker:MetadataUrl"] = url;
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MetadataFromALoopbackUrlIsCheckedAtStartUp(bool trusted)
    {
        BrokerFiles? written = null;
        var handler = new MetadataHandler(() => trusted
            ? written!.Broker.ToSignedXml(written.MetadataKey, Now.AddDays(7))
            : written!.Broker.ToXml(Now.AddDays(7)).OuterXml);
        await using var factory = RealBroker(
            change: (s, files) =>
            {
                written = files;
                s.Remove("Avero:EHerkenning:Broker:MetadataPath");
                s["Avero:EHerkenning:Broker:MetadataUrl"] = "http://127.0.0.1:9/metadata";
            },
            services: s => s.AddHttpClient(EHerkenningSetup.MetadataClientName).ConfigurePrimaryHttpMessageHandler(() => handler));

        if (trusted)
        {
            factory.CreateClient();
            Assert.Equal("https://broker.example/sso", (await factory.Get<IBrokerMetadataSource>().GetAsync()).SsoUrl);
        }
        else
        {
            var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
            Assert.Contains("Avero:EHerkenning:Broker:MetadataUrl", error.Message, StringComparison.Ordinal);
            Assert.Contains("not signed", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new Uri("http://127.0.0.1:9/metadata"), handler.LastRequest);
    }
}
