using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>How the builder encrypts EncryptedID data.</summary>
public enum SamlDataEncryption
{
    Aes256Cbc,
    Aes128Cbc,
    Aes256Gcm,
    Aes128Gcm,
}

/// <summary>How the builder transports the EncryptedID data key.</summary>
public enum SamlKeyTransport
{
    /// <summary>xmlenc#rsa-oaep-mgf1p with SHA-1 (the common broker choice).</summary>
    RsaOaepMgf1pSha1,

    /// <summary>xmlenc11#rsa-oaep with SHA-256 and MGF1-SHA-256.</summary>
    RsaOaepSha256,
}

/// <summary>
/// Builds signed (and optionally encrypted) eHerkenning responses like a broker does: for tests and the portal's
/// development broker. Set the properties, then call <see cref="BuildArtifactResponse"/> or
/// <see cref="BuildPostResponse"/>. Each build signs again; IDs stay as set.
/// </summary>
/// <param name="signingCertificate">The broker's certificate with its RSA private key.</param>
/// <param name="encryptionCertificate">The SP's encryption certificate (public key), required for EncryptedIDs.</param>
public sealed class SamlResponseBuilder(X509Certificate2 signingCertificate, X509Certificate2? encryptionCertificate = null)
{
    public const string SuccessStatus = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string ResponderStatus = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    public const string AuthnFailedStatus = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";

    public string Issuer { get; set; } = "urn:etoegang:HM:00000003000000000000:entities:9999";
    public string Audience { get; set; } = "urn:etoegang:DV:00000003000000000001:entities:0001";
    public string Destination { get; set; } = "https://localhost/eherkenning/acs";

    /// <summary>SubjectConfirmationData/@Recipient; null uses <see cref="Destination"/>.</summary>
    public string? Recipient { get; set; }

    /// <summary>ArtifactResponse/@InResponseTo: the ID of the ArtifactResolve.</summary>
    public string ArtifactResolveId { get; set; } = NewId();

    /// <summary>Response/@InResponseTo: the ID of the AuthnRequest.</summary>
    public string AuthnRequestId { get; set; } = NewId();

    /// <summary>SubjectConfirmationData/@InResponseTo; null uses <see cref="AuthnRequestId"/>.</summary>
    public string? SubjectConfirmationInResponseTo { get; set; }

    public string ArtifactResponseId { get; set; } = NewId();
    public string ResponseId { get; set; } = NewId();
    public string AssertionId { get; set; } = NewId();

    public DateTimeOffset IssueInstant { get; set; } = TimeProvider.System.GetUtcNow();

    /// <summary>Conditions/@NotBefore; null uses <see cref="IssueInstant"/> minus 5 seconds.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Conditions/@NotOnOrAfter; null uses <see cref="IssueInstant"/> plus 2 minutes.</summary>
    public DateTimeOffset? NotOnOrAfter { get; set; }

    /// <summary>SubjectConfirmationData/@NotOnOrAfter; null uses the Conditions end.</summary>
    public DateTimeOffset? SubjectNotOnOrAfter { get; set; }

    public string Level { get; set; } = "urn:etoegang:core:assurance-class:loa3";
    public string NameId { get; set; } = NewId();

    public string? KvkNumber { get; set; } = "24444001";

    /// <summary>The plain KvKnr attribute value; null uses <see cref="KvkNumber"/> (set it to test precedence).</summary>
    public string? PlainKvkNumber { get; set; }
    public string? Rsin { get; set; }
    public string? ActingSubjectId { get; set; } = "4F2A9C1E0B7D6A5E@DV-PSEUDONYM";
    public string? CompanyName { get; set; } = "Testbedrijf B.V.";
    public string? BranchNumber { get; set; }
    public string? ServiceId { get; set; }
    public string? ServiceUuid { get; set; }

    /// <summary>LegalSubjectID (KVK, else RSIN) and ActingSubjectID as EncryptedIDs, the profile's form.</summary>
    public bool IncludeEncryptedIds { get; set; } = true;

    /// <summary>The plain KvKnr, RSIN, Pseudo and CompanyName attributes that brokers send today.</summary>
    public bool IncludePlainAttributes { get; set; }

    public SamlDataEncryption DataEncryption { get; set; } = SamlDataEncryption.Aes256Cbc;
    public SamlKeyTransport KeyTransport { get; set; } = SamlKeyTransport.RsaOaepMgf1pSha1;

    /// <summary>
    /// A saml:Advice with a nested, signed assertion of another party (as eHerkenning brokers add for the
    /// authentication and authorization services); it carries KVK 99999999, which must never be read.
    /// </summary>
    public bool IncludeAdviceAssertion { get; set; }

    /// <summary>Put the EncryptedKey next to EncryptedData inside EncryptedID instead of inside its KeyInfo.</summary>
    public bool DetachedEncryptedKey { get; set; }

    public bool SignArtifactResponse { get; set; } = true;
    public bool SignResponse { get; set; }
    public bool SignAssertion { get; set; } = true;
    public bool IncludeKeyInfo { get; set; } = true;
    public string SignatureAlgorithm { get; set; } = SignedXml.XmlDsigRSASHA256Url;
    public string DigestAlgorithm { get; set; } = SignedXml.XmlDsigSHA256Url;

    /// <summary>The top-level status of the Response; anything but Success leaves out the Assertion.</summary>
    public string StatusCode { get; set; } = SuccessStatus;
    public string? SecondLevelStatusCode { get; set; }

    public static string NewId() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A SOAP envelope holding a signed ArtifactResponse around the Response.</summary>
    public string BuildArtifactResponse()
    {
        var document = NewDocument();
        var envelope = document.CreateElement("soap", "Envelope", SamlXml.SoapNs);
        document.AppendChild(envelope);
        var body = Append(envelope, "soap", "Body", SamlXml.SoapNs);

        var artifactResponse = Append(body, "samlp", "ArtifactResponse", SamlXml.ProtocolNs);
        SetProtocolAttributes(artifactResponse, ArtifactResponseId, ArtifactResolveId);
        AppendText(artifactResponse, "saml", "Issuer", SamlXml.AssertionNs, Issuer);
        AppendStatus(artifactResponse, SuccessStatus, null);
        BuildResponse(artifactResponse);

        if (SignArtifactResponse)
        {
            Sign(artifactResponse, ArtifactResponseId);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document.DocumentElement!.OuterXml;
    }

    /// <summary>The samlp:Response as XML text (before base64), for tests that alter it.</summary>
    public string BuildPostResponseXml()
    {
        var document = NewDocument();
        BuildResponse(document);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document.DocumentElement!.OuterXml;
    }

    /// <summary>The base64 SAMLResponse form value of the HTTP-POST binding.</summary>
    public string BuildPostResponse() => Convert.ToBase64String(Encoding.UTF8.GetBytes(BuildPostResponseXml()));

    private void BuildResponse(XmlNode parent)
    {
        var document = parent as XmlDocument ?? parent.OwnerDocument!;
        var response = document.CreateElement("samlp", "Response", SamlXml.ProtocolNs);
        parent.AppendChild(response);
        SetProtocolAttributes(response, ResponseId, AuthnRequestId);
        response.SetAttribute("Destination", Destination);
        AppendText(response, "saml", "Issuer", SamlXml.AssertionNs, Issuer);
        AppendStatus(response, StatusCode, SecondLevelStatusCode);

        if (StatusCode == SuccessStatus)
        {
            var assertion = BuildAssertion(response);
            if (SignAssertion)
            {
                Sign(assertion, AssertionId);
            }
        }

        if (SignResponse)
        {
            Sign(response, ResponseId);
        }
    }

    private XmlElement BuildAssertion(XmlElement response)
    {
        var notBefore = NotBefore ?? IssueInstant.AddSeconds(-5);
        var notOnOrAfter = NotOnOrAfter ?? IssueInstant.AddMinutes(2);

        var assertion = Append(response, "saml", "Assertion", SamlXml.AssertionNs);
        assertion.SetAttribute("ID", AssertionId);
        assertion.SetAttribute("Version", "2.0");
        assertion.SetAttribute("IssueInstant", Format(IssueInstant));
        AppendText(assertion, "saml", "Issuer", SamlXml.AssertionNs, Issuer);

        var subject = Append(assertion, "saml", "Subject", SamlXml.AssertionNs);
        var nameId = AppendText(subject, "saml", "NameID", SamlXml.AssertionNs, NameId);
        nameId.SetAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
        var confirmation = Append(subject, "saml", "SubjectConfirmation", SamlXml.AssertionNs);
        confirmation.SetAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        var data = Append(confirmation, "saml", "SubjectConfirmationData", SamlXml.AssertionNs);
        data.SetAttribute("InResponseTo", SubjectConfirmationInResponseTo ?? AuthnRequestId);
        data.SetAttribute("NotOnOrAfter", Format(SubjectNotOnOrAfter ?? notOnOrAfter));
        data.SetAttribute("Recipient", Recipient ?? Destination);

        var conditions = Append(assertion, "saml", "Conditions", SamlXml.AssertionNs);
        conditions.SetAttribute("NotBefore", Format(notBefore));
        conditions.SetAttribute("NotOnOrAfter", Format(notOnOrAfter));
        var restriction = Append(conditions, "saml", "AudienceRestriction", SamlXml.AssertionNs);
        AppendText(restriction, "saml", "Audience", SamlXml.AssertionNs, Audience);

        if (IncludeAdviceAssertion)
        {
            AppendAdvice(assertion);
        }

        var attributes = Append(assertion, "saml", "AttributeStatement", SamlXml.AssertionNs);
        AddAttribute(attributes, "urn:etoegang:core:ServiceID", ServiceId);
        AddAttribute(attributes, "urn:etoegang:core:ServiceUUID", ServiceUuid);
        if (IncludeEncryptedIds)
        {
            var legal = KvkNumber is not null
                ? ("urn:etoegang:1.9:EntityConcernedID:KvKnr", KvkNumber)
                : Rsin is not null ? ("urn:etoegang:1.9:EntityConcernedID:RSIN", Rsin) : ((string, string)?)null;
            if (legal is { } l)
            {
                AddEncryptedIdAttribute(attributes, "urn:etoegang:core:LegalSubjectID", l.Item1, l.Item2);
            }

            if (ActingSubjectId is not null)
            {
                AddEncryptedIdAttribute(attributes, "urn:etoegang:core:ActingSubjectID", "urn:etoegang:1.9:EntityConcernedID:Pseudo", ActingSubjectId);
            }
        }

        if (IncludePlainAttributes)
        {
            AddAttribute(attributes, "urn:etoegang:1.9:EntityConcernedID:KvKnr", PlainKvkNumber ?? KvkNumber);
            AddAttribute(attributes, "urn:etoegang:1.9:EntityConcernedID:RSIN", Rsin);
            AddAttribute(attributes, "urn:etoegang:1.13:EntityConcernedID:Pseudo", ActingSubjectId);
        }

        AddAttribute(attributes, "urn:etoegang:1.11:attribute-represented:CompanyName", CompanyName);
        AddAttribute(attributes, "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr", BranchNumber);
        if (!attributes.HasChildNodes)
        {
            assertion.RemoveChild(attributes);
        }

        var authn = Append(assertion, "saml", "AuthnStatement", SamlXml.AssertionNs);
        authn.SetAttribute("AuthnInstant", Format(IssueInstant));
        authn.SetAttribute("SessionIndex", NewId());
        var context = Append(authn, "saml", "AuthnContext", SamlXml.AssertionNs);
        AppendText(context, "saml", "AuthnContextClassRef", SamlXml.AssertionNs, Level);
        return assertion;
    }

    private void AppendAdvice(XmlElement assertion)
    {
        var advice = Append(assertion, "saml", "Advice", SamlXml.AssertionNs);
        var nested = Append(advice, "saml", "Assertion", SamlXml.AssertionNs);
        var nestedId = NewId();
        nested.SetAttribute("ID", nestedId);
        nested.SetAttribute("Version", "2.0");
        nested.SetAttribute("IssueInstant", Format(IssueInstant));
        AppendText(nested, "saml", "Issuer", SamlXml.AssertionNs, "urn:etoegang:AD:00000003000000000002:entities:0001");
        var statement = Append(nested, "saml", "AttributeStatement", SamlXml.AssertionNs);
        AddAttribute(statement, "urn:etoegang:1.9:EntityConcernedID:KvKnr", "99999999");
        Sign(nested, nestedId);
    }

    private static void AddAttribute(XmlElement statement, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var attribute = Append(statement, "saml", "Attribute", SamlXml.AssertionNs);
        attribute.SetAttribute("Name", name);
        AppendText(attribute, "saml", "AttributeValue", SamlXml.AssertionNs, value);
    }

    private void AddEncryptedIdAttribute(XmlElement statement, string name, string qualifier, string value)
    {
        var attribute = Append(statement, "saml", "Attribute", SamlXml.AssertionNs);
        attribute.SetAttribute("Name", name);
        var attributeValue = Append(attribute, "saml", "AttributeValue", SamlXml.AssertionNs);
        var encryptedId = Append(attributeValue, "saml", "EncryptedID", SamlXml.AssertionNs);

        var plain = NewDocument();
        var nameId = plain.CreateElement("saml", "NameID", SamlXml.AssertionNs);
        nameId.SetAttribute("NameQualifier", qualifier);
        nameId.AppendChild(plain.CreateTextNode(value));
        plain.AppendChild(nameId);
        Encrypt(encryptedId, Encoding.UTF8.GetBytes(nameId.OuterXml));
    }

    private void Encrypt(XmlElement encryptedId, byte[] plaintext)
    {
        var certificate = encryptionCertificate
            ?? throw new InvalidOperationException("EncryptedIDs need an encryption certificate; pass one or set IncludeEncryptedIds = false.");
        using var rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The encryption certificate has no RSA key.");

        var (algorithm, keyBytes, gcm) = DataEncryption switch
        {
            SamlDataEncryption.Aes128Cbc => (EncryptedIdDecryptor.Aes128Cbc, 16, false),
            SamlDataEncryption.Aes256Cbc => (EncryptedIdDecryptor.Aes256Cbc, 32, false),
            SamlDataEncryption.Aes128Gcm => (EncryptedIdDecryptor.Aes128Gcm, 16, true),
            _ => (EncryptedIdDecryptor.Aes256Gcm, 32, true),
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

        var encryptedData = Append(encryptedId, "xenc", "EncryptedData", SamlXml.XencNs);
        encryptedData.SetAttribute("Type", "http://www.w3.org/2001/04/xmlenc#Element");
        Append(encryptedData, "xenc", "EncryptionMethod", SamlXml.XencNs).SetAttribute("Algorithm", algorithm);

        var keyParent = DetachedEncryptedKey ? encryptedId : Append(encryptedData, "ds", "KeyInfo", SamlXml.DsNs);
        var encryptedKey = encryptedId.OwnerDocument.CreateElement("xenc", "EncryptedKey", SamlXml.XencNs);
        var keyMethod = Append(encryptedKey, "xenc", "EncryptionMethod", SamlXml.XencNs);
        RSAEncryptionPadding padding;
        if (KeyTransport == SamlKeyTransport.RsaOaepSha256)
        {
            keyMethod.SetAttribute("Algorithm", EncryptedIdDecryptor.RsaOaep11);
            Append(keyMethod, "ds", "DigestMethod", SamlXml.DsNs).SetAttribute("Algorithm", EncryptedIdDecryptor.Sha256);
            Append(keyMethod, "xenc11", "MGF", SamlXml.Xenc11Ns).SetAttribute("Algorithm", EncryptedIdDecryptor.Mgf1Sha256);
            padding = RSAEncryptionPadding.OaepSHA256;
        }
        else
        {
            keyMethod.SetAttribute("Algorithm", EncryptedIdDecryptor.RsaOaepMgf1p);
            Append(keyMethod, "ds", "DigestMethod", SamlXml.DsNs).SetAttribute("Algorithm", EncryptedIdDecryptor.Sha1);
            padding = RSAEncryptionPadding.OaepSHA1;
        }

        AppendCipherValue(encryptedKey, rsa.Encrypt(key, padding));
        AppendCipherValue(encryptedData, cipherValue);
        if (DetachedEncryptedKey)
        {
            encryptedKey.SetAttribute("Recipient", Audience);
        }

        keyParent.AppendChild(encryptedKey);

        CryptographicOperations.ZeroMemory(key);
    }

    private static void AppendCipherValue(XmlElement parent, byte[] value)
    {
        var cipherData = Append(parent, "xenc", "CipherData", SamlXml.XencNs);
        AppendText(cipherData, "xenc", "CipherValue", SamlXml.XencNs, Convert.ToBase64String(value));
    }

    /// <summary>An enveloped exc-c14n signature over <paramref name="element"/>, placed right after its Issuer.</summary>
    private void Sign(XmlElement element, string id)
    {
        using var rsa = signingCertificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        var signedXml = new SignedXml(element.OwnerDocument) { SigningKey = rsa };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignatureAlgorithm;
        var reference = new Reference("#" + id) { DigestMethod = DigestAlgorithm };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        if (IncludeKeyInfo)
        {
            var keyInfo = new KeyInfo();
            keyInfo.AddClause(new KeyInfoX509Data(signingCertificate));
            signedXml.KeyInfo = keyInfo;
        }

        signedXml.ComputeSignature();
        var signature = element.OwnerDocument.ImportNode(signedXml.GetXml(), deep: true);
        var issuer = SamlXml.Children(element, SamlXml.AssertionNs, "Issuer").First();
        element.InsertAfter(signature, issuer);
    }

    private void SetProtocolAttributes(XmlElement element, string id, string inResponseTo)
    {
        element.SetAttribute("ID", id);
        element.SetAttribute("Version", "2.0");
        element.SetAttribute("IssueInstant", Format(IssueInstant));
        element.SetAttribute("InResponseTo", inResponseTo);
    }

    private static void AppendStatus(XmlElement parent, string code, string? secondLevel)
    {
        var status = Append(parent, "samlp", "Status", SamlXml.ProtocolNs);
        var statusCode = Append(status, "samlp", "StatusCode", SamlXml.ProtocolNs);
        statusCode.SetAttribute("Value", code);
        if (secondLevel is not null)
        {
            Append(statusCode, "samlp", "StatusCode", SamlXml.ProtocolNs).SetAttribute("Value", secondLevel);
        }
    }

    private static XmlDocument NewDocument() => new() { PreserveWhitespace = true, XmlResolver = null };

    private static XmlElement Append(XmlElement parent, string prefix, string localName, string ns)
    {
        var child = parent.OwnerDocument.CreateElement(prefix, localName, ns);
        parent.AppendChild(child);
        return child;
    }

    private static XmlElement AppendText(XmlElement parent, string prefix, string localName, string ns, string text)
    {
        var child = Append(parent, prefix, localName, ns);
        child.AppendChild(parent.OwnerDocument.CreateTextNode(text));
        return child;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
