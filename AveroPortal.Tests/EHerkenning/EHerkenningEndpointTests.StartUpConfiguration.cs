using System.Net;
using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

// Start-up configuration: certificates, misconfigurations, the test broker outside Development, no configuration.
public sealed partial class EHerkenningEndpointTests
{
    [Fact]
    public void TheTestBrokerAndARealBrokerTogetherStopStartUp()
    {
        // Development loads appsettings.Development.json, which switches the test broker on.
        using var factory = RealBroker("Development", change: (s, _) => s.Remove("Avero:EHerkenning:TestBroker:Enabled"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:TestBroker:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:EHerkenning:Broker:MetadataPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APemWhereAPfxIsExpectedSaysSo()
    {
        using var factory = RealBroker(change: (s, files) => s["Avero:EHerkenning:SigningCertificate:Path"] = files.SpPemPath);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("PEM given, PFX expected", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:EHerkenning:SigningCertificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APemCertificateWithItsPemKeyIsAccepted()
    {
        await using var factory = RealBroker(change: (s, files) =>
        {
            s["Avero:EHerkenning:SigningCertificate:Path"] = files.SpPemPath;
            s["Avero:EHerkenning:SigningCertificate:KeyPath"] = files.SpKeyPemPath;
        });
        factory.CreateClient();

        var options = factory.Get<EHerkenningOptions>();

        Assert.True(options.SigningCertificate.HasPrivateKey);
        Assert.Equal(X509Certificate2.CreateFromPem(File.ReadAllText(factory.Settings["Avero:EHerkenning:SigningCertificate:Path"])).Thumbprint, options.SigningCertificate.Thumbprint);
    }

    [Theory]
    [InlineData("Avero:EHerkenning:EntityId", "", "EntityId")]
    [InlineData("Avero:EHerkenning:RequiredLevel", "loa9", "RequiredLevel")]
    [InlineData("Avero:EHerkenning:Broker:ResponseBinding", "Redirect", "ResponseBinding")]
    [InlineData("Avero:EHerkenning:Broker:ResponseBinding", "7", "Avero:EHerkenning:Broker:ResponseBinding '7' is onbekend")]
    [InlineData("Avero:EHerkenning:AcsUrl", "/eherkenning/acs", "Avero:EHerkenning:AcsUrl '/eherkenning/acs' is geen absolute http(s)-URL")]
    [InlineData("Avero:EHerkenning:AcsUrl", "ftp://portaal.example/acs", "AcsUrl")]
    [InlineData("Avero:PublicBaseUrl", "portaal.example", "Avero:PublicBaseUrl")]
    public void AMisconfigurationStopsStartUpWithAClearMessage(string key, string value, string named)
    {
        using var factory = Configured(s => s[key] = value);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTestBrokerIsRefusedOutsideDevelopment()
    {
        using var factory = new PortalFactory
        {
            Settings = new Dictionary<string, string> { ["Avero:EHerkenning:Enabled"] = "true", ["Avero:EHerkenning:TestBroker:Enabled"] = "true" },
        };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutConfigurationEHerkenningIsNotOffered()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateClient();

        Assert.DoesNotContain("/inloggen/eherkenning", await client.GetStringAsync("/inloggen"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/eherkenning/metadata")).StatusCode);
    }
}
