using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>Certificates for the development broker and the tests.</summary>
public sealed class SamlCertificatesTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    public void SelfSignedCertificateHasAnRsaPrivateKeyOfTheRequestedSize(int keySize)
    {
        using var certificate = SamlCertificates.CreateSelfSigned("Development broker", keySize);
        using var key = certificate.GetRSAPrivateKey();

        Assert.Equal("CN=Development broker", certificate.Subject);
        Assert.NotNull(key);
        Assert.Equal(keySize, key.KeySize);
    }

    [Fact]
    public void KeysUnder2048BitsAreNotCreated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SamlCertificates.CreateSelfSigned("CN=Weak", 1024));
    }

    [Fact]
    public void PemCertificateAndKeyLoadAsAPair()
    {
        using var certificate = SamlCertificates.LoadPem(InteropFiles.Path("sp-certificate.pem"), InteropFiles.Path("sp-key.pem"));

        Assert.True(certificate.HasPrivateKey);
        Assert.Contains("CN=localhost:8000", certificate.Subject);
    }

    [Fact]
    public void PemCertificateWithoutKeyLoadsPublicOnly()
    {
        using var certificate = SamlCertificates.LoadPem(InteropFiles.Path("broker-signing-certificate.pem"), null);

        Assert.False(certificate.HasPrivateKey);
        Assert.Contains("brokershared.pre.ie01.signicat.pro", certificate.Subject);
    }
}
