namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Namespaces, bindings and eHerkenning levels used when the portal writes SAML messages.</summary>
public static class SamlNames
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string DSig = "http://www.w3.org/2000/09/xmldsig#";
    public const string ServiceCatalogue = "urn:etoegang:1.13:service-catalog";
    public const string ArtifactBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string SoapBinding = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";
    public const string LevelPrefix = "urn:etoegang:core:assurance-class:";

    public static readonly string[] Levels = ["loa2", "loa2plus", "loa3", "loa4"];

    /// <summary>EH2 &lt; EH2+ &lt; EH3 &lt; EH4; -1 for anything else.</summary>
    public static int Rank(string? level) =>
        level is not null && level.StartsWith(LevelPrefix, StringComparison.Ordinal)
            ? Array.IndexOf(Levels, level[LevelPrefix.Length..])
            : -1;

    /// <summary>"loa3" → "EH3", for people.</summary>
    public static string Display(string level) => level.Replace(LevelPrefix, "", StringComparison.Ordinal) switch
    {
        "loa2" => "EH2",
        "loa2plus" => "EH2+",
        "loa3" => "EH3",
        "loa4" => "EH4",
        var other => other,
    };
}
