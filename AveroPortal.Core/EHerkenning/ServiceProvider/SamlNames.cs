namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Namespaces, bindings and eHerkenning levels used when the portal writes SAML messages.</summary>
public static class SamlNames
{
    public const string Protocol = SamlXml.ProtocolNs;
    public const string Assertion = SamlXml.AssertionNs;
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string Soap = SamlXml.SoapNs;
    public const string DSig = SamlXml.DsNs;
    public const string ServiceCatalogue = "urn:etoegang:1.13:service-catalog";
    public const string ArtifactBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string SoapBinding = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";
    public const string LevelPrefix = AssuranceLevel.Prefix;
}
