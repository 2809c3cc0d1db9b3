using System.Security.Cryptography.X509Certificates;
using System.Xml;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>
/// Broker metadata decides which keys the portal trusts, so it is trusted only when signed by the pinned
/// metadata-signing certificate (the response signature rules) and within validUntil.
/// </summary>
public sealed class BrokerMetadataTests
{
    private static readonly DateTimeOffset Now = SamlTestData.Now;
    private static readonly Lazy<X509Certificate2> LazyMetadataKey = new(() => SamlCertificates.CreateSelfSigned("CN=Test broker metadata"));

    private static X509Certificate2 MetadataKey => LazyMetadataKey.Value;

    private static BrokerMetadata Broker => new(SamlTestData.BrokerEntityId, "https://broker.example/sso", "https://broker.example/ars", [SamlTestData.Broker]);

    [Fact]
    public void SignedMetadataWithinValidUntilGivesTheBrokersKeysAndEndpoints()
    {
        var metadata = BrokerMetadata.Parse(Broker.ToSignedXml(MetadataKey, Now.AddDays(1)), MetadataKey, Now);

        Assert.Equal(SamlTestData.BrokerEntityId, metadata.EntityId);
        Assert.Equal("https://broker.example/sso", metadata.SsoUrl);
        Assert.Equal("https://broker.example/ars", metadata.ArtifactResolutionUrl);
        Assert.Equal(SamlTestData.Broker.Thumbprint, Assert.Single(metadata.SigningCertificates).Thumbprint);
        Assert.Equal(Now.AddDays(1), metadata.ValidUntil);
    }

    /// <summary>
    /// The recording is signed by the key it publishes, so the pin here comes from the same source as the file
    /// (broker-signing-certificate.pem was extracted from it): this proves that the verifier accepts a real
    /// broker's metadata signature (exc-c14n, rsa-sha256, KeyName and KeyInfo present), not that the file is genuine.
    /// </summary>
    [Fact]
    public void TheRecordedSignicatMetadataVerifiesWithThePinnedBrokerCertificate()
    {
        var pinned = X509Certificate2.CreateFromPem(InteropFiles.Read("broker-signing-certificate.pem"));

        var metadata = BrokerMetadata.Parse(InteropFiles.Read("signicat_metadata.xml"), pinned, new DateTimeOffset(2025, 9, 22, 10, 48, 46, TimeSpan.Zero));

        Assert.Equal("https://maykin.pre.ie01.signicat.pro/broker/sp/saml", metadata.EntityId);
        Assert.Equal("https://maykin.pre.ie01.signicat.pro/broker/sp/saml/ars", metadata.ArtifactResolutionUrl);
        Assert.Equal(new DateTimeOffset(2027, 4, 4, 11, 33, 38, TimeSpan.Zero), metadata.ValidUntil);
    }

    [Fact]
    public void TamperedSignicatMetadataIsRefused()
    {
        var pinned = X509Certificate2.CreateFromPem(InteropFiles.Read("broker-signing-certificate.pem"));
        var xml = InteropFiles.Read("signicat_metadata.xml");
        var tampered = xml.Replace("https://maykin.pre.ie01.signicat.pro/broker/sp/saml/login", "https://attacker.example/broker/sp/saml/login", StringComparison.Ordinal);
        Assert.NotEqual(xml, tampered);

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(tampered, pinned, new DateTimeOffset(2025, 9, 22, 10, 48, 46, TimeSpan.Zero)));

        Assert.StartsWith("BadSignature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedMetadataIsRefused()
    {
        // A second signing key slipped in after signing: the classic way to make the portal trust an attacker's key.
        var document = SamlTestData.Load(Broker.ToSignedXml(MetadataKey, Now.AddDays(1)));
        var x509 = (XmlElement)document.GetElementsByTagName("X509Certificate", SamlVocabulary.DSig)
            .Cast<XmlElement>().First(e => e.ParentNode!.ParentNode!.ParentNode!.LocalName == "KeyDescriptor");
        x509.InnerText = Convert.ToBase64String(SamlTestData.Attacker.RawData);

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(document.OuterXml, MetadataKey, Now));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedMetadataIsRefused()
    {
        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(Broker.ToXml(Now.AddDays(1)).OuterXml, MetadataKey, Now));

        Assert.Contains("not signed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataSignedByAnotherKeyIsRefusedEvenWithThatKeyInKeyInfo()
    {
        var attacker = Broker with { SigningCertificates = [SamlTestData.Attacker] };

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(attacker.ToSignedXml(SamlTestData.Attacker, Now.AddDays(1)), MetadataKey, Now));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiredMetadataIsRefused()
    {
        var signed = Broker.ToSignedXml(MetadataKey, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(signed, MetadataKey, Now));

        Assert.Contains("expired at 2020-01-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataWithoutValidUntilIsRefused()
    {
        var document = Broker.ToXml(Now.AddDays(1));
        document.DocumentElement!.RemoveAttribute("validUntil");
        SamlSigner.Sign(document.DocumentElement, MetadataKey, null);

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(document.OuterXml, MetadataKey, Now));

        Assert.Contains("no validUntil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataWithADoctypeIsRefused()
    {
        var signed = Broker.ToSignedXml(MetadataKey, Now.AddDays(1));
        var withDtd = signed.Insert(0, "<!DOCTYPE x [<!ENTITY e \"x\">]>");

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(withDtd, MetadataKey, Now));

        Assert.StartsWith("Dtd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APinnedCertificateWithAWeakKeyIsRefused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        using var weak = new CertificateRequest("CN=weak", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        var error = Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(Broker.ToSignedXml(weak, Now.AddDays(1)), weak, Now));

        Assert.StartsWith("WeakAlgorithm", error.Message, StringComparison.Ordinal);
    }
}
