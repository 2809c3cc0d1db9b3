using System.Xml;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

public sealed class SpMetadataTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheEntityDescriptorIsSignedWithTheSigningKey()
    {
        var entity = EntityDescriptor();

        Assert.True(SamlSignature.TryVerify(entity, [SpTestOptions.Signing], "SP metadata", out _, out var problem), problem);
        Assert.False(SamlSignature.TryVerify(entity, [SpTestOptions.Encryption], "SP metadata", out _, out _));
    }

    [Fact]
    public void TheEntityDescriptorNamesTheEntityAndTheAcs()
    {
        var entity = EntityDescriptor();

        Assert.Equal(SpTestOptions.EntityId, entity.GetAttribute("entityID"));
        var acs = (XmlElement)entity.GetElementsByTagName("AssertionConsumerService", SamlVocabulary.Metadata)[0]!;
        Assert.Equal(SpTestOptions.AcsUrl, acs.GetAttribute("Location"));
        Assert.Equal(SamlVocabulary.ArtifactBinding, acs.GetAttribute("Binding"));
    }

    [Fact]
    public void TheEntityDescriptorPublishesTheSigningAndTheEncryptionKey()
    {
        var keys = EntityDescriptor().GetElementsByTagName("KeyDescriptor", SamlVocabulary.Metadata).Cast<XmlElement>()
            .ToDictionary(k => k.GetAttribute("use"), k => k.GetElementsByTagName("X509Certificate", SamlVocabulary.DSig)[0]!.InnerText);

        Assert.Equal(Convert.ToBase64String(SpTestOptions.Signing.RawData), keys["signing"]);
        Assert.Equal(Convert.ToBase64String(SpTestOptions.Encryption.RawData), keys["encryption"]);
    }

    [Fact]
    public void TheServiceCatalogueIsSignedAndDescribesTheService()
    {
        var catalogue = SamlParser.Parse(SpMetadata.ServiceCatalogue(SpTestOptions.Create(), Now)).DocumentElement!;

        Assert.True(SamlSignature.TryVerify(catalogue, [SpTestOptions.Signing], "service catalogue", out var verified, out var problem), problem);
        Assert.Equal(SpTestOptions.ServiceId, Text(verified, "ServiceID"));
        Assert.Equal(SpTestOptions.ServiceUuid, Text(verified, "ServiceUUID"));
        Assert.Equal(SpTestOptions.AcsUrl, Text(verified, "ServiceURL"));
        Assert.Equal(
            Convert.ToBase64String(SpTestOptions.Encryption.RawData),
            verified.GetElementsByTagName("X509Certificate", SamlVocabulary.DSig)[0]!.InnerText);
    }

    private static XmlElement EntityDescriptor() =>
        SamlParser.Parse(SpMetadata.EntityDescriptor(SpTestOptions.Create(), Now)).DocumentElement!;

    private static string Text(XmlElement parent, string localName) =>
        parent.GetElementsByTagName(localName, SamlVocabulary.ServiceCatalogue)[0]!.InnerText;
}
