using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>Enveloped signatures with exclusive canonicalization (RSA-SHA256 unless told otherwise), and message IDs.</summary>
public static class SamlSigner
{
    /// <summary>
    /// Signs <paramref name="element"/> (which must carry an ID attribute) and puts the signature right after
    /// <paramref name="insertAfter"/>, or first when that is null. The algorithm parameters and
    /// <paramref name="includeKeyInfo"/> exist for the development broker's attack tests; the portal keeps the defaults.
    /// </summary>
    public static void Sign(
        XmlElement element,
        X509Certificate2 certificate,
        XmlElement? insertAfter,
        string signatureMethod = SignedXml.XmlDsigRSASHA256Url,
        string digestMethod = SignedXml.XmlDsigSHA256Url,
        bool includeKeyInfo = true)
    {
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        var signed = new SignedXml(element) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = signatureMethod;
        var reference = new Reference("#" + element.GetAttribute("ID")) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        if (includeKeyInfo)
        {
            var keyInfo = new KeyInfo();
            keyInfo.AddClause(new KeyInfoX509Data(certificate));
            signed.KeyInfo = keyInfo;
        }

        signed.ComputeSignature();
        var imported = element.OwnerDocument.ImportNode(signed.GetXml(), deep: true);
        if (insertAfter is null)
        {
            element.PrependChild(imported);
        }
        else
        {
            element.InsertAfter(imported, insertAfter);
        }
    }

    /// <summary>A fresh message ID: an NCName with 160 random bits.</summary>
    public static string NewId() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
