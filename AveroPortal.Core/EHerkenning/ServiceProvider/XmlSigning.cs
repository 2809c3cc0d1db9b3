using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Enveloped RSA-SHA256 signatures with exclusive canonicalization, as the eHerkenning profile asks.</summary>
public static class XmlSigning
{
    /// <summary>
    /// Signs <paramref name="element"/> (which must carry an ID attribute) and puts the signature right after
    /// <paramref name="insertAfter"/>, or first when that is null.
    /// </summary>
    public static void Sign(XmlElement element, X509Certificate2 certificate, XmlElement? insertAfter)
    {
        var id = element.GetAttribute("ID");
        var signed = new SignedXml(element) { SigningKey = certificate.GetRSAPrivateKey() };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        var signature = signed.GetXml();
        var imported = element.OwnerDocument.ImportNode(signature, true);
        if (insertAfter is null)
        {
            element.PrependChild(imported);
        }
        else
        {
            element.InsertAfter(imported, insertAfter);
        }
    }

    /// <summary>Checks one of our own enveloped signatures (used for AuthnRequests at the test broker).</summary>
    public static bool Verify(XmlElement element, X509Certificate2 certificate)
    {
        var signatures = element.GetElementsByTagName("Signature", SamlNames.DSig);
        if (signatures.Count != 1 || signatures[0]!.ParentNode != element)
        {
            return false;
        }

        var signed = new SignedXml(element);
        signed.LoadXml((XmlElement)signatures[0]!);
        var references = signed.SignedInfo!.References;
        return references.Count == 1 && ((Reference)references[0]!).Uri == "#" + element.GetAttribute("ID")
            && signed.SignedInfo.SignatureMethod == SignedXml.XmlDsigRSASHA256Url
            && signed.CheckSignature(certificate.GetRSAPublicKey()!);
    }

    public static XmlDocument NewDocument() => new() { PreserveWhitespace = true, XmlResolver = null };

    /// <summary>Parses untrusted XML: no DTDs, no external entities.</summary>
    public static XmlDocument Load(string xml)
    {
        var document = NewDocument();
        using var reader = XmlReader.Create(new StringReader(xml), SamlXml.SecureReaderSettings());
        document.Load(reader);
        return document;
    }

    public static string NewId() => "_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
