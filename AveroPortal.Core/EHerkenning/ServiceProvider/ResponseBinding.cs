namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>How the broker returns its response to our ACS.</summary>
public enum ResponseBinding
{
    /// <summary>eHerkenning: the broker sends an artifact, we resolve it over SOAP.</summary>
    Artifact,

    /// <summary>Generic SAML IdPs: the response comes by HTTP-POST to the ACS.</summary>
    Post,
}
