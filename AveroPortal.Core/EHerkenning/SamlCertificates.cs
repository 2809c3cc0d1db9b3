using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Core.EHerkenning;

/// <summary>Certificates for SAML signing and encryption: self-signed ones for tests and the development broker.</summary>
public static class SamlCertificates
{
    /// <summary>A self-signed RSA certificate with its private key, valid from yesterday for five years.</summary>
    /// <param name="subject">A distinguished name (<c>CN=...</c>) or a bare common name.</param>
    /// <param name="keySize">2048 or more (eHerkenning requires at least 2048; 3072 for anything long-lived).</param>
    public static X509Certificate2 CreateSelfSigned(string subject, int keySize = 2048)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (keySize < SamlSignature.MinimumRsaKeyBits)
        {
            throw new ArgumentOutOfRangeException(nameof(keySize), keySize, "SAML keys must have at least 2048 bits.");
        }

        using var rsa = RSA.Create(keySize);
        var name = subject.Contains('=') ? subject : "CN=" + subject;
        var request = new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    /// <summary>Loads a PEM certificate, with its PEM (PKCS#8 or PKCS#1) private key when a key path is given.</summary>
    public static X509Certificate2 LoadPem(string certPemPath, string? keyPemPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certPemPath);
        return keyPemPath is null
            ? X509Certificate2.CreateFromPem(File.ReadAllText(certPemPath))
            : X509Certificate2.CreateFromPemFile(certPemPath, keyPemPath);
    }
}
