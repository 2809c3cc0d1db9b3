using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

// Signature checks: unsigned, foreign-key, KeyInfo-only, tampered and weak signatures.
public sealed partial class SamlAttackTests
{
    [Fact]
    public void UnsignedArtifactResponseAndAssertionAreRefused()
    {
        var builder = Builder();
        builder.SignArtifactResponse = false;
        builder.SignAssertion = false;

        Assert.Equal(SamlFailure.Unsigned, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void UnsignedPostResponseAndAssertionAreRefused()
    {
        var builder = PlainBuilder();
        builder.SignAssertion = false;

        Assert.Equal(SamlFailure.Unsigned, ValidatePost(builder.BuildPostResponseXml()).Failure);
    }

    [Fact]
    public void UnsignedAssertionInsideASignedArtifactResponseIsRefused()
    {
        var builder = Builder();
        builder.SignAssertion = false;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.Unsigned, result.Failure);
        Assert.Contains("Assertion", result.Detail);
    }

    [Fact]
    public void SignatureByAnotherKeyIsRefused()
    {
        var builder = Builder(Attacker);
        builder.IncludeKeyInfo = false;

        Assert.Equal(SamlFailure.BadSignature, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ValidSignatureByAKeyThatIsOnlyInKeyInfoIsRefused()
    {
        var xml = PlainBuilder(Attacker).BuildPostResponseXml();

        // The fixture is genuinely valid for anyone who trusts KeyInfo: SignedXml.CheckSignature() accepts it.
        var document = Load(xml);
        var trustingKeyInfo = new SignedXml(document);
        trustingKeyInfo.LoadXml(Select(document, "/samlp:Response/saml:Assertion/ds:Signature"));
        Assert.True(trustingKeyInfo.CheckSignature());

        Assert.Equal(SamlFailure.BadSignature, ValidatePost(xml).Failure);
    }

    [Fact]
    public void AnyChangeInsideASignedArtifactResponseBreaksItsSignature()
    {
        var xml = Builder().BuildArtifactResponse();
        var tampered = xml.Replace(AcsUrl, AcsUrl + "/evil", StringComparison.Ordinal);
        Assert.NotEqual(xml, tampered);

        Assert.Equal(SamlFailure.BadSignature, ValidateArtifact(tampered).Failure);
    }

    [Fact]
    public void RsaSha1SignatureIsRefusedAsWeak()
    {
        var builder = Builder();
        builder.SignatureAlgorithm = SignedXml.XmlDsigRSASHA1Url;
        builder.DigestAlgorithm = SignedXml.XmlDsigSHA1Url;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("rsa-sha1", result.Detail);
    }

    [Fact]
    public void Sha1DigestUnderAnRsaSha256SignatureIsRefusedAsWeak()
    {
        var builder = Builder();
        builder.DigestAlgorithm = SignedXml.XmlDsigSHA1Url;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("digest", result.Detail);
    }

    [Fact]
    public void BrokerCertificateWithAKeyUnder2048BitsIsNotTrusted()
    {
        using var rsa = RSA.Create(1024);
        var request = new CertificateRequest("CN=Weak broker", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var weak = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        var xml = Builder(weak).BuildArtifactResponse();

        var result = ValidateArtifact(xml, expected: Expectations() with { IssuerSigningCertificates = [weak] });

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("1024", result.Detail);
    }
}
