namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// Every name the portal's SAML messages use: XML namespaces, bindings, status codes, the eHerkenning attribute URNs
/// and the level prefix, for the production service provider and the development broker alike.
/// </summary>
public static class SamlVocabulary
{
    public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string DSig = "http://www.w3.org/2000/09/xmldsig#";
    public const string Xenc = "http://www.w3.org/2001/04/xmlenc#";
    public const string Xenc11 = "http://www.w3.org/2009/xmlenc11#";
    public const string Xmlns = "http://www.w3.org/2000/xmlns/";
    public const string ServiceCatalogue = "urn:etoegang:1.13:service-catalog";
    public const string ServiceCatalogueVersion = "urn:etoegang:1.13:53";

    public const string ArtifactBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string SoapBinding = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";

    public const string SuccessStatus = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string ResponderStatus = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    public const string AuthnFailedStatus = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";

    public const string BearerConfirmation = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public const string TransientNameId = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

    /// <summary>The prefix of every eHerkenning level URN (<c>...loa3</c>).</summary>
    public const string LevelPrefix = "urn:etoegang:core:assurance-class:";

    public const string ServiceIdAttribute = "urn:etoegang:core:ServiceID";
    public const string ServiceUuidAttribute = "urn:etoegang:core:ServiceUUID";
    public const string LegalSubjectIdAttribute = "urn:etoegang:core:LegalSubjectID";
    public const string ActingSubjectIdAttribute = "urn:etoegang:core:ActingSubjectID";

    /// <summary>The KVK number: a plain attribute name and the NameQualifier of an encrypted LegalSubjectID.</summary>
    public const string KvkQualifier = "urn:etoegang:1.9:EntityConcernedID:KvKnr";
    public const string RsinQualifier = "urn:etoegang:1.9:EntityConcernedID:RSIN";

    /// <summary>The NameQualifier of an encrypted ActingSubjectID.</summary>
    public const string PseudoQualifier = "urn:etoegang:1.9:EntityConcernedID:Pseudo";

    /// <summary>The plain pseudonym attribute of the 1.13 profile.</summary>
    public const string PseudoAttribute = "urn:etoegang:1.13:EntityConcernedID:Pseudo";
    public const string CompanyNameAttribute = "urn:etoegang:1.11:attribute-represented:CompanyName";
    public const string BranchAttribute = "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr";

    public const string Aes128Cbc = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public const string Aes256Cbc = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
    public const string Aes128Gcm = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public const string Aes256Gcm = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public const string RsaOaep11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public const string Mgf1Sha1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    public const string Mgf1Sha256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string EncryptedElementType = "http://www.w3.org/2001/04/xmlenc#Element";
}
