using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// Decrypts a saml:EncryptedID to its saml:NameID: RSA-OAEP key transport, then AES-CBC (through EncryptedXml) or
/// AES-GCM (by hand: EncryptedXml cannot). Only ever called on elements inside a verified assertion, so the
/// ciphertext is signed and cannot be used as a padding or OAEP oracle.
/// </summary>
internal static class EncryptedIdDecryptor
{
    private const int GcmNonceBytes = 12;
    private const int GcmTagBytes = 16;

    public static XmlElement DecryptNameId(XmlElement encryptedId, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            throw Fail("the assertion contains an EncryptedID but no decryption certificate is configured");
        }

        using var rsa = certificate.GetRSAPrivateKey() ?? throw Fail("the decryption certificate has no RSA private key");

        var encryptedData = SamlXml.Required(encryptedId, SamlVocabulary.Xenc, "EncryptedData");
        var algorithm = SamlXml.Attribute(SamlXml.Required(encryptedData, SamlVocabulary.Xenc, "EncryptionMethod"), "Algorithm");
        var keyBytes = algorithm switch
        {
            SamlVocabulary.Aes128Cbc or SamlVocabulary.Aes128Gcm => 16,
            SamlVocabulary.Aes256Cbc or SamlVocabulary.Aes256Gcm => 32,
            _ => throw Fail($"data encryption algorithm {SamlXml.ForLog(algorithm)} is not supported"),
        };

        var key = UnwrapKey(encryptedId, encryptedData, rsa, keyBytes);
        byte[] plaintext;
        try
        {
            plaintext = algorithm is SamlVocabulary.Aes128Gcm or SamlVocabulary.Aes256Gcm
                ? DecryptGcm(encryptedData, key)
                : DecryptCbc(encryptedData, key);
        }
        catch (CryptographicException e)
        {
            throw Fail($"the EncryptedID data does not decrypt: {e.Message}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return ParseNameId(plaintext, encryptedId);
    }

    private static byte[] UnwrapKey(XmlElement encryptedId, XmlElement encryptedData, RSA rsa, int keyBytes)
    {
        // The key travels inside EncryptedData/ds:KeyInfo, or (eHerkenning style) as a sibling EncryptedKey.
        var candidates = new List<XmlElement>();
        var keyInfo = SamlXml.Optional(encryptedData, SamlVocabulary.DSig, "KeyInfo");
        if (keyInfo is not null)
        {
            candidates.AddRange(SamlXml.Children(keyInfo, SamlVocabulary.Xenc, "EncryptedKey"));
        }

        candidates.AddRange(SamlXml.Children(encryptedId, SamlVocabulary.Xenc, "EncryptedKey"));
        if (candidates.Count == 0)
        {
            throw Fail("the EncryptedID has no EncryptedKey");
        }

        string? lastError = null;
        foreach (var encryptedKey in candidates.Take(8))
        {
            var padding = KeyTransportPadding(SamlXml.Required(encryptedKey, SamlVocabulary.Xenc, "EncryptionMethod"));
            var wrapped = CipherValue(encryptedKey);
            try
            {
                var key = rsa.Decrypt(wrapped, padding);
                if (key.Length == keyBytes)
                {
                    return key;
                }

                lastError = $"the transported key has {key.Length} bytes instead of {keyBytes}";
            }
            catch (CryptographicException)
            {
                // One EncryptedKey per recipient is allowed; the others are not for our key.
                lastError = "no EncryptedKey decrypts with our private key";
            }
        }

        throw Fail(lastError ?? "no usable EncryptedKey");
    }

    private static RSAEncryptionPadding KeyTransportPadding(XmlElement method)
    {
        var algorithm = SamlXml.Attribute(method, "Algorithm");
        var digest = SamlXml.Optional(method, SamlVocabulary.DSig, "DigestMethod") is { } d ? SamlXml.Attribute(d, "Algorithm") : SamlVocabulary.Sha1;
        if (SamlXml.Optional(method, SamlVocabulary.Xenc, "OAEPparams") is not null)
        {
            throw Fail("RSA-OAEP with OAEPparams (a label) is not supported");
        }

        switch (algorithm)
        {
            case SamlVocabulary.RsaOaepMgf1p when digest == SamlVocabulary.Sha1:
                return RSAEncryptionPadding.OaepSHA1;
            case SamlVocabulary.RsaOaepMgf1p:
                // rsa-oaep-mgf1p fixes MGF1 to SHA-1; .NET only offers OAEP with the same hash for digest and MGF1.
                throw Fail($"rsa-oaep-mgf1p with digest {SamlXml.ForLog(digest)} (MGF1-SHA1) is not supported by .NET");
            case SamlVocabulary.RsaOaep11:
                var mgf = SamlXml.Optional(method, SamlVocabulary.Xenc11, "MGF") is { } m ? SamlXml.Attribute(m, "Algorithm") : SamlVocabulary.Mgf1Sha1;
                return (digest, mgf) switch
                {
                    (SamlVocabulary.Sha1, SamlVocabulary.Mgf1Sha1) => RSAEncryptionPadding.OaepSHA1,
                    (SamlVocabulary.Sha256, SamlVocabulary.Mgf1Sha256) => RSAEncryptionPadding.OaepSHA256,
                    _ => throw Fail($"rsa-oaep with digest {SamlXml.ForLog(digest)} and MGF {SamlXml.ForLog(mgf)} is not supported"),
                };
            default:
                // Notably rsa-1_5, which is open to Bleichenbacher-style attacks.
                throw Fail($"key transport algorithm {SamlXml.ForLog(algorithm)} is not allowed");
        }
    }

    private static byte[] DecryptCbc(XmlElement encryptedDataElement, byte[] key)
    {
        var encryptedData = new EncryptedData();
        encryptedData.LoadXml(encryptedDataElement);
        using var aes = Aes.Create();
        aes.Key = key;
        return new EncryptedXml().DecryptData(encryptedData, aes);
    }

    private static byte[] DecryptGcm(XmlElement encryptedData, byte[] key)
    {
        // xmlenc11: the nonce is prefixed and the authentication tag appended to the ciphertext.
        var data = CipherValue(encryptedData);
        if (data.Length < GcmNonceBytes + GcmTagBytes)
        {
            throw Fail("the AES-GCM cipher value is too short");
        }

        var nonce = data.AsSpan(0, GcmNonceBytes);
        var tag = data.AsSpan(data.Length - GcmTagBytes);
        var ciphertext = data.AsSpan(GcmNonceBytes, data.Length - GcmNonceBytes - GcmTagBytes);
        var plaintext = new byte[ciphertext.Length];
        using var gcm = new AesGcm(key, GcmTagBytes);
        gcm.Decrypt(nonce, ciphertext, tag, plaintext);
        return plaintext;
    }

    private static byte[] CipherValue(XmlElement parent)
    {
        var cipherData = SamlXml.Required(parent, SamlVocabulary.Xenc, "CipherData");
        var value = SamlXml.Text(SamlXml.Required(cipherData, SamlVocabulary.Xenc, "CipherValue"));
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw Fail($"the {parent.LocalName} CipherValue is not base64");
        }
    }

    private static XmlElement ParseNameId(byte[] plaintext, XmlElement context)
    {
        string xml;
        try
        {
            xml = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plaintext);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("the decrypted EncryptedID is not UTF-8");
        }

        // The plaintext is an element fragment that may use prefixes declared around the EncryptedID.
        var document = SamlParser.NewDocument();
        var namespaces = new XmlNamespaceManager(document.NameTable);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var ownDeclarations = context.Attributes.Cast<XmlAttribute>().Where(a => a.NamespaceURI == SamlVocabulary.Xmlns);
        foreach (var declaration in ownDeclarations.Concat(SamlXml.InheritedNamespaces(context)))
        {
            var prefix = declaration.Prefix.Length == 0 ? string.Empty : declaration.LocalName;
            if (added.Add(prefix))
            {
                namespaces.AddNamespace(prefix, declaration.Value);
            }
        }

        var elements = new List<XmlElement>();
        try
        {
            using var reader = SamlParser.FragmentReader(xml, document, namespaces);
            while (document.ReadNode(reader) is { } node)
            {
                switch (node)
                {
                    case XmlElement element:
                        elements.Add(element);
                        break;
                    case XmlWhitespace or XmlSignificantWhitespace or XmlDeclaration:
                        break;
                    default:
                        throw Fail($"the decrypted EncryptedID contains {node.NodeType}");
                }
            }
        }
        catch (XmlException e)
        {
            throw Fail($"the decrypted EncryptedID is not well-formed XML: {SamlXml.ForLog(e.Message)}");
        }

        if (elements.Count != 1 || elements[0].LocalName != "NameID" || elements[0].NamespaceURI != SamlVocabulary.Assertion)
        {
            throw Fail("the decrypted EncryptedID is not a single saml:NameID");
        }

        document.AppendChild(elements[0]);
        return elements[0];
    }

    private static SamlRejection Fail(string detail) => new(SamlFailure.Decryption, detail);
}
