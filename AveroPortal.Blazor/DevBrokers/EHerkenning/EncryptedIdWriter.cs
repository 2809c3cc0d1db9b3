using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>Encrypts an EncryptedID as brokers do: AES-CBC or AES-GCM data, RSA-OAEP key transport to the SP's key.</summary>
internal static class EncryptedIdWriter
{
    /// <summary>
    /// Fills <paramref name="encryptedId"/> with the encrypted <paramref name="plaintext"/>. A non-null
    /// <paramref name="detachedRecipient"/> puts the EncryptedKey next to EncryptedData, with that Recipient.
    /// </summary>
    public static void Encrypt(
        XmlElement encryptedId,
        byte[] plaintext,
        X509Certificate2 certificate,
        SamlDataEncryption dataEncryption,
        SamlKeyTransport keyTransport,
        string? detachedRecipient)
    {
        using var rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The encryption certificate has no RSA key.");

        var (algorithm, keyBytes, gcm) = dataEncryption switch
        {
            SamlDataEncryption.Aes128Cbc => (SamlVocabulary.Aes128Cbc, 16, false),
            SamlDataEncryption.Aes256Cbc => (SamlVocabulary.Aes256Cbc, 32, false),
            SamlDataEncryption.Aes128Gcm => (SamlVocabulary.Aes128Gcm, 16, true),
            _ => (SamlVocabulary.Aes256Gcm, 32, true),
        };
        var key = RandomNumberGenerator.GetBytes(keyBytes);
        byte[] cipherValue;
        if (gcm)
        {
            var nonce = RandomNumberGenerator.GetBytes(12);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[16];
            using (var aesGcm = new AesGcm(key, 16))
            {
                aesGcm.Encrypt(nonce, plaintext, ciphertext, tag);
            }

            cipherValue = [.. nonce, .. ciphertext, .. tag];
        }
        else
        {
            using var aes = Aes.Create();
            aes.Key = key;
            var iv = RandomNumberGenerator.GetBytes(16);
            cipherValue = [.. iv, .. aes.EncryptCbc(plaintext, iv, PaddingMode.ISO10126)];
        }

        var encryptedData = SamlElements.Append(encryptedId, "xenc", "EncryptedData", SamlVocabulary.Xenc);
        encryptedData.SetAttribute("Type", SamlVocabulary.EncryptedElementType);
        SamlElements.Append(encryptedData, "xenc", "EncryptionMethod", SamlVocabulary.Xenc).SetAttribute("Algorithm", algorithm);

        var keyParent = detachedRecipient is not null ? encryptedId : SamlElements.Append(encryptedData, "ds", "KeyInfo", SamlVocabulary.DSig);
        var encryptedKey = encryptedId.OwnerDocument.CreateElement("xenc", "EncryptedKey", SamlVocabulary.Xenc);
        var keyMethod = SamlElements.Append(encryptedKey, "xenc", "EncryptionMethod", SamlVocabulary.Xenc);
        RSAEncryptionPadding padding;
        if (keyTransport == SamlKeyTransport.RsaOaepSha256)
        {
            keyMethod.SetAttribute("Algorithm", SamlVocabulary.RsaOaep11);
            SamlElements.Append(keyMethod, "ds", "DigestMethod", SamlVocabulary.DSig).SetAttribute("Algorithm", SamlVocabulary.Sha256);
            SamlElements.Append(keyMethod, "xenc11", "MGF", SamlVocabulary.Xenc11).SetAttribute("Algorithm", SamlVocabulary.Mgf1Sha256);
            padding = RSAEncryptionPadding.OaepSHA256;
        }
        else
        {
            keyMethod.SetAttribute("Algorithm", SamlVocabulary.RsaOaepMgf1p);
            SamlElements.Append(keyMethod, "ds", "DigestMethod", SamlVocabulary.DSig).SetAttribute("Algorithm", SamlVocabulary.Sha1);
            padding = RSAEncryptionPadding.OaepSHA1;
        }

        AppendCipherValue(encryptedKey, rsa.Encrypt(key, padding));
        AppendCipherValue(encryptedData, cipherValue);
        if (detachedRecipient is not null)
        {
            encryptedKey.SetAttribute("Recipient", detachedRecipient);
        }

        keyParent.AppendChild(encryptedKey);

        CryptographicOperations.ZeroMemory(key);
    }

    private static void AppendCipherValue(XmlElement parent, byte[] value)
    {
        var cipherData = SamlElements.Append(parent, "xenc", "CipherData", SamlVocabulary.Xenc);
        SamlElements.AppendText(cipherData, "xenc", "CipherValue", SamlVocabulary.Xenc, Convert.ToBase64String(value));
    }
}
