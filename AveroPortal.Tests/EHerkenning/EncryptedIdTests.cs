using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;
using AveroPortal.Blazor.DevBrokers.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>LegalSubjectID and ActingSubjectID as saml:EncryptedID, the eHerkenning profile's form.</summary>
public sealed class EncryptedIdTests
{
    private const string Pseudonym = "9F3B2C1D0E4A5B6C@DV-0001";

    private static SamlResponseBuilder EncryptingBuilder(SamlDataEncryption encryption)
    {
        var builder = Builder();
        builder.IncludeEncryptedIds = true;
        builder.IncludePlainAttributes = false;
        builder.DataEncryption = encryption;
        builder.KvkNumber = "24444001";
        builder.ActingSubjectId = Pseudonym;
        return builder;
    }

    private static SamlValidation Validate(SamlResponseBuilder builder, SamlExpectations? expected = null) =>
        Validator().ValidateArtifactResponse(builder.BuildArtifactResponse(), expected ?? Expectations());

    [Fact]
    public void EncryptedIdsDecryptWithAes256Cbc()
    {
        var builder = EncryptingBuilder(SamlDataEncryption.Aes256Cbc);
        Assert.Contains("xmlenc#aes256-cbc", builder.BuildArtifactResponse());

        var result = Validate(builder);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal(Pseudonym, result.Identity.ActingSubjectId);
    }

    [Fact]
    public void EncryptedIdsDecryptWithAes256Gcm()
    {
        var builder = EncryptingBuilder(SamlDataEncryption.Aes256Gcm);
        Assert.Contains("xmlenc11#aes256-gcm", builder.BuildArtifactResponse());

        var result = Validate(builder);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal(Pseudonym, result.Identity.ActingSubjectId);
    }

    [Theory]
    [InlineData(SamlDataEncryption.Aes128Cbc, SamlKeyTransport.RsaOaepMgf1pSha1)]
    [InlineData(SamlDataEncryption.Aes128Gcm, SamlKeyTransport.RsaOaepMgf1pSha1)]
    [InlineData(SamlDataEncryption.Aes256Cbc, SamlKeyTransport.RsaOaepSha256)]
    [InlineData(SamlDataEncryption.Aes256Gcm, SamlKeyTransport.RsaOaepSha256)]
    public void OtherAllowedAlgorithmCombinationsDecryptToo(SamlDataEncryption encryption, SamlKeyTransport transport)
    {
        var builder = EncryptingBuilder(encryption);
        builder.KeyTransport = transport;

        var result = Validate(builder);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
    }

    [Fact]
    public void EncryptedKeyBesideTheEncryptedDataIsFound()
    {
        var builder = EncryptingBuilder(SamlDataEncryption.Aes256Cbc);
        builder.DetachedEncryptedKey = true;

        var result = Validate(builder);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(Pseudonym, result.Identity!.ActingSubjectId);
    }

    [Fact]
    public void EncryptedIdsDecryptWithTheRecordedSpKeyPair()
    {
        var sp = SamlCertificates.LoadPem(InteropFiles.Path("sp-certificate.pem"), InteropFiles.Path("sp-key.pem"));
        var builder = new SamlResponseBuilder(Broker, sp)
        {
            Issuer = BrokerEntityId,
            Audience = SpEntityId,
            Destination = AcsUrl,
            ArtifactResolveId = ArtifactResolveId,
            IssueInstant = Now,
            DataEncryption = SamlDataEncryption.Aes256Gcm,
            ActingSubjectId = Pseudonym,
        };

        var result = Validate(builder, Expectations() with { DecryptionCertificate = sp });

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
    }

    [Fact]
    public void LegalSubjectIdWithAnRsinOnlyYieldsNoKvkNumber()
    {
        var builder = EncryptingBuilder(SamlDataEncryption.Aes256Cbc);
        builder.KvkNumber = null;
        builder.Rsin = "819935177";

        var result = Validate(builder);

        Assert.Equal(SamlFailure.KvkMissing, result.Failure);
    }

    [Fact]
    public void WrongDecryptionKeyIsRefused()
    {
        var result = Validate(
            EncryptingBuilder(SamlDataEncryption.Aes256Cbc),
            Expectations() with { DecryptionCertificate = Attacker });

        Assert.Equal(SamlFailure.Decryption, result.Failure);
    }

    [Fact]
    public void WrongDecryptionKeyIsRefusedForGcmToo()
    {
        var result = Validate(
            EncryptingBuilder(SamlDataEncryption.Aes256Gcm),
            Expectations() with { DecryptionCertificate = Attacker });

        Assert.Equal(SamlFailure.Decryption, result.Failure);
    }

    [Fact]
    public void EncryptedIdWithoutAConfiguredDecryptionCertificateIsRefused()
    {
        var result = Validate(EncryptingBuilder(SamlDataEncryption.Aes256Cbc), Expectations() with { DecryptionCertificate = null });

        Assert.Equal(SamlFailure.Decryption, result.Failure);
        Assert.Contains("no decryption certificate", result.Detail);
    }

    [Fact]
    public void DecryptionCertificateWithoutPrivateKeyIsRefused()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Sp.RawData);

        var result = Validate(EncryptingBuilder(SamlDataEncryption.Aes256Cbc), Expectations() with { DecryptionCertificate = publicOnly });

        Assert.Equal(SamlFailure.Decryption, result.Failure);
    }

    [Fact]
    public void EncryptedKvkNumberWinsOverAPlainOneInTheSameAssertion()
    {
        // Chosen because the encrypted LegalSubjectID is the profile's own form and only we can read it; the plain
        // attribute is a convenience copy some brokers add. Both are signed, so this is about consistency, not trust.
        var builder = EncryptingBuilder(SamlDataEncryption.Aes256Cbc);
        builder.IncludePlainAttributes = true;
        builder.PlainKvkNumber = "30000001";
        builder.ActingSubjectId = Pseudonym;

        var result = Validate(builder);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal(Pseudonym, result.Identity.ActingSubjectId);
    }
}
