using System.Net;
using System.Xml;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Tests.Support;

namespace AveroPortal.Tests.Web;

public sealed class EHerkenningEndpointTests
{
    private static PortalFactory Configured(Action<IDictionary<string, string>>? change = null)
    {
        var settings = EHerkenningSettings.For("http://localhost/", testBroker: true);
        change?.Invoke(settings);
        return new PortalFactory { EnvironmentName = "Development", Settings = settings };
    }

    [Fact]
    public async Task TheSpMetadataIsSignedAndFollowsTheProfile()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/metadata");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var entity = document.DocumentElement!;
        var options = factory.Get<EHerkenningOptions>();
        Assert.True(XmlSigning.Verify(entity, options.SigningCertificate));
        Assert.Equal("Signature", ((XmlElement)entity.FirstChild!).LocalName);
        var sp = (XmlElement)entity.GetElementsByTagName("SPSSODescriptor", SamlNames.Metadata)[0]!;
        Assert.Equal("true", sp.GetAttribute("AuthnRequestsSigned"));
        Assert.Equal("true", sp.GetAttribute("WantAssertionsSigned"));
        Assert.Equal(2, sp.GetElementsByTagName("KeyDescriptor", SamlNames.Metadata).Count);
        Assert.Equal(SamlNames.ArtifactBinding, ((XmlElement)sp.GetElementsByTagName("AssertionConsumerService", SamlNames.Metadata)[0]!).GetAttribute("Binding"));
        Assert.Single(sp.GetElementsByTagName("AttributeConsumingService", SamlNames.Metadata).Cast<XmlElement>());
        Assert.Equal(0, sp.GetElementsByTagName("NameIDFormat", SamlNames.Metadata).Count);
        Assert.DoesNotContain("KvKnr", sp.OuterXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceCatalogueIsSignedAndNamesTheService()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/dienstencatalogus");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Assert.True(XmlSigning.Verify(document.DocumentElement!, factory.Get<EHerkenningOptions>().SigningCertificate));
        Assert.Contains(EHerkenningSettings.ServiceUuid, xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:core:assurance-class:loa3", xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:1.9:EntityConcernedID:KvKnr", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedMessageIsRefusedBeforeParsing()
    {
        await using var factory = Configured();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/eherkenning/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = new string('A', 1_100_000) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/eherkenning/mislukt?reden=fout", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Avero:EHerkenning:EntityId", "", "EntityId")]
    [InlineData("Avero:EHerkenning:RequiredLevel", "loa9", "RequiredLevel")]
    [InlineData("Avero:EHerkenning:Broker:ResponseBinding", "Redirect", "ResponseBinding")]
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
