using System.Xml;
using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

// What the portal and the test broker publish: signed SP metadata, service catalogue, test-broker metadata.
public sealed partial class EHerkenningEndpointTests
{
    [Fact]
    public async Task TheSpMetadataIsSignedAndFollowsTheProfile()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/metadata");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var entity = document.DocumentElement!;
        var options = factory.Get<EHerkenningOptions>();
        Assert.True(SamlSignature.TryVerify(entity, [options.SigningCertificate], "SP metadata", out _, out _));
        Assert.Equal("Signature", ((XmlElement)entity.FirstChild!).LocalName);
        var sp = (XmlElement)entity.GetElementsByTagName("SPSSODescriptor", SamlVocabulary.Metadata)[0]!;
        Assert.Equal("true", sp.GetAttribute("AuthnRequestsSigned"));
        Assert.Equal("true", sp.GetAttribute("WantAssertionsSigned"));
        Assert.Equal(2, sp.GetElementsByTagName("KeyDescriptor", SamlVocabulary.Metadata).Count);
        Assert.Equal(SamlVocabulary.ArtifactBinding, ((XmlElement)sp.GetElementsByTagName("AssertionConsumerService", SamlVocabulary.Metadata)[0]!).GetAttribute("Binding"));
        Assert.Single(sp.GetElementsByTagName("AttributeConsumingService", SamlVocabulary.Metadata).Cast<XmlElement>());
        Assert.Equal(0, sp.GetElementsByTagName("NameIDFormat", SamlVocabulary.Metadata).Count);
        Assert.DoesNotContain("KvKnr", sp.OuterXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceCatalogueIsSignedAndNamesTheService()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/dienstencatalogus");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Assert.True(SamlSignature.TryVerify(document.DocumentElement!, [factory.Get<EHerkenningOptions>().SigningCertificate], "service catalogue", out _, out _));
        Assert.Contains(EHerkenningSettings.ServiceUuid, xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:core:assurance-class:loa3", xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:1.9:EntityConcernedID:KvKnr", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestBrokerPublishesMetadataSignedWithItsMetadataKey()
    {
        await using var factory = Configured();
        var broker = factory.Get<TestBroker>();

        var xml = await factory.CreateClient().GetStringAsync("/testmakelaar/metadata");

        var metadata = BrokerMetadata.Parse(xml, broker.MetadataSigningCertificate, DateTimeOffset.UtcNow);
        Assert.Equal(broker.Certificate.Thumbprint, Assert.Single(metadata.SigningCertificates).Thumbprint);
        // The response-signing key is not the metadata key: pinning the wrong one fails.
        Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(xml, broker.Certificate, DateTimeOffset.UtcNow));
        Assert.Equal(broker.SsoUrl, (await factory.Get<IBrokerMetadataSource>().GetAsync()).SsoUrl);
    }
}
