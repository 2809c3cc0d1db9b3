using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>
/// Builds signed (and optionally encrypted) eHerkenning responses like a broker does: for tests and the portal's
/// development broker. Set the properties, then call <see cref="BuildArtifactResponse"/> or
/// <see cref="BuildPostResponse"/>. Each build signs again; IDs stay as set.
/// </summary>
/// <param name="signingCertificate">The broker's certificate with its RSA private key.</param>
/// <param name="encryptionCertificate">The SP's encryption certificate (public key), required for EncryptedIDs.</param>
internal sealed partial class SamlResponseBuilder(X509Certificate2 signingCertificate, X509Certificate2? encryptionCertificate = null)
{
    public string Issuer { get; set; } = "urn:etoegang:HM:00000003000000000000:entities:9999";
    public string Audience { get; set; } = "urn:etoegang:DV:00000003000000000001:entities:0001";
    public string Destination { get; set; } = "https://localhost/eherkenning/acs";

    /// <summary>SubjectConfirmationData/@Recipient; null uses <see cref="Destination"/>.</summary>
    public string? Recipient { get; set; }

    /// <summary>ArtifactResponse/@InResponseTo: the ID of the ArtifactResolve.</summary>
    public string ArtifactResolveId { get; set; } = SamlSigner.NewId();

    /// <summary>Response/@InResponseTo: the ID of the AuthnRequest.</summary>
    public string AuthnRequestId { get; set; } = SamlSigner.NewId();

    /// <summary>SubjectConfirmationData/@InResponseTo; null uses <see cref="AuthnRequestId"/>.</summary>
    public string? SubjectConfirmationInResponseTo { get; set; }

    public string ArtifactResponseId { get; set; } = SamlSigner.NewId();
    public string ResponseId { get; set; } = SamlSigner.NewId();
    public string AssertionId { get; set; } = SamlSigner.NewId();

    public DateTimeOffset IssueInstant { get; set; } = TimeProvider.System.GetUtcNow();

    /// <summary>Conditions/@NotBefore; null uses <see cref="IssueInstant"/> minus 5 seconds.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Conditions/@NotOnOrAfter; null uses <see cref="IssueInstant"/> plus 2 minutes.</summary>
    public DateTimeOffset? NotOnOrAfter { get; set; }

    /// <summary>SubjectConfirmationData/@NotOnOrAfter; null uses the Conditions end.</summary>
    public DateTimeOffset? SubjectNotOnOrAfter { get; set; }

    public string Level { get; set; } = SamlVocabulary.LevelPrefix + "loa3";
    public string NameId { get; set; } = SamlSigner.NewId();

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
    public string StatusCode { get; set; } = SamlVocabulary.SuccessStatus;
    public string? SecondLevelStatusCode { get; set; }

    /// <summary>A SOAP envelope holding a signed ArtifactResponse around the Response.</summary>
    public string BuildArtifactResponse()
    {
        var document = SamlParser.NewDocument();
        var envelope = document.CreateElement("soap", "Envelope", SamlVocabulary.Soap);
        document.AppendChild(envelope);
        var body = SamlElements.Append(envelope, "soap", "Body", SamlVocabulary.Soap);

        var artifactResponse = SamlElements.Append(body, "samlp", "ArtifactResponse", SamlVocabulary.Protocol);
        SetProtocolAttributes(artifactResponse, ArtifactResponseId, ArtifactResolveId);
        SamlElements.AppendText(artifactResponse, "saml", "Issuer", SamlVocabulary.Assertion, Issuer);
        AppendStatus(artifactResponse, SamlVocabulary.SuccessStatus, null);
        BuildResponse(artifactResponse);

        if (SignArtifactResponse)
        {
            Sign(artifactResponse);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document.DocumentElement!.OuterXml;
    }

    /// <summary>The samlp:Response as XML text (before base64), for tests that alter it.</summary>
    public string BuildPostResponseXml()
    {
        var document = SamlParser.NewDocument();
        BuildResponse(document);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document.DocumentElement!.OuterXml;
    }

    /// <summary>The base64 SAMLResponse form value of the HTTP-POST binding.</summary>
    public string BuildPostResponse() => Convert.ToBase64String(Encoding.UTF8.GetBytes(BuildPostResponseXml()));

    private void BuildResponse(XmlNode parent)
    {
        var document = parent as XmlDocument ?? parent.OwnerDocument!;
        var response = document.CreateElement("samlp", "Response", SamlVocabulary.Protocol);
        parent.AppendChild(response);
        SetProtocolAttributes(response, ResponseId, AuthnRequestId);
        response.SetAttribute("Destination", Destination);
        SamlElements.AppendText(response, "saml", "Issuer", SamlVocabulary.Assertion, Issuer);
        AppendStatus(response, StatusCode, SecondLevelStatusCode);

        if (StatusCode == SamlVocabulary.SuccessStatus)
        {
            var assertion = BuildAssertion(response);
            if (SignAssertion)
            {
                Sign(assertion);
            }
        }

        if (SignResponse)
        {
            Sign(response);
        }
    }

    /// <summary>An enveloped exc-c14n signature over <paramref name="element"/>, placed right after its Issuer.</summary>
    private void Sign(XmlElement element)
    {
        var issuer = element.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Issuer" && e.NamespaceURI == SamlVocabulary.Assertion);
        SamlSigner.Sign(element, signingCertificate, issuer, SignatureAlgorithm, DigestAlgorithm, IncludeKeyInfo);
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
        var status = SamlElements.Append(parent, "samlp", "Status", SamlVocabulary.Protocol);
        var statusCode = SamlElements.Append(status, "samlp", "StatusCode", SamlVocabulary.Protocol);
        statusCode.SetAttribute("Value", code);
        if (secondLevel is not null)
        {
            SamlElements.Append(statusCode, "samlp", "StatusCode", SamlVocabulary.Protocol).SetAttribute("Value", secondLevel);
        }
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
