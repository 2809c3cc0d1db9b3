using System.Xml;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>The two messages the portal sends: the AuthnRequest (via the browser) and the ArtifactResolve (SOAP).</summary>
internal static class SamlRequests
{
    public static XmlDocument AuthnRequest(EHerkenningOptions options, string id, string destination, DateTimeOffset now)
    {
        var document = SamlParser.NewDocument();
        var (request, issuer) = AppendRequest(document, document, "AuthnRequest", options, id, destination, now);
        request.SetAttribute("ForceAuthn", "true");
        request.SetAttribute("AssertionConsumerServiceURL", options.AcsUrl);
        request.SetAttribute("ProtocolBinding", options.ResponseBinding == ResponseBinding.Artifact ? SamlVocabulary.ArtifactBinding : SamlVocabulary.PostBinding);
        request.SetAttribute("AttributeConsumingServiceIndex", options.ServiceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.RequestLevel)
        {
            var context = document.CreateElement("samlp", "RequestedAuthnContext", SamlVocabulary.Protocol);
            context.SetAttribute("Comparison", "minimum");
            var classRef = document.CreateElement("saml", "AuthnContextClassRef", SamlVocabulary.Assertion);
            classRef.InnerText = options.RequiredLevel;
            context.AppendChild(classRef);
            request.AppendChild(context);
        }

        SamlSigner.Sign(request, options.SigningCertificate, issuer);
        return document;
    }

    public static string ArtifactResolve(EHerkenningOptions options, string id, string artifact, string destination, DateTimeOffset now)
    {
        var document = SamlParser.NewDocument();
        var envelope = document.CreateElement("soap", "Envelope", SamlVocabulary.Soap);
        document.AppendChild(envelope);
        var body = document.CreateElement("soap", "Body", SamlVocabulary.Soap);
        envelope.AppendChild(body);
        var (resolve, issuer) = AppendRequest(document, body, "ArtifactResolve", options, id, destination, now);
        var artifactElement = document.CreateElement("samlp", "Artifact", SamlVocabulary.Protocol);
        artifactElement.InnerText = artifact;
        resolve.AppendChild(artifactElement);
        SamlSigner.Sign(resolve, options.SigningCertificate, issuer);
        return document.OuterXml;
    }

    /// <summary>
    /// A samlp request under <paramref name="parent"/> with what every SAML request carries (ID, Version, IssueInstant,
    /// Destination, in that order) and our Issuer as its first child; the caller adds the rest and signs.
    /// </summary>
    private static (XmlElement Request, XmlElement Issuer) AppendRequest(
        XmlDocument document, XmlNode parent, string name, EHerkenningOptions options, string id, string destination, DateTimeOffset now)
    {
        var request = document.CreateElement("samlp", name, SamlVocabulary.Protocol);
        parent.AppendChild(request);
        request.SetAttribute("ID", id);
        request.SetAttribute("Version", "2.0");
        request.SetAttribute("IssueInstant", SamlXml.Instant(now));
        request.SetAttribute("Destination", destination);
        var issuer = document.CreateElement("saml", "Issuer", SamlVocabulary.Assertion);
        issuer.InnerText = options.EntityId;
        request.AppendChild(issuer);
        return (request, issuer);
    }

    /// <summary>
    /// An artifact is base64 of 44 bytes: type 0x0004, endpoint index, SHA-1 of the issuer's entity ID, a message handle.
    /// </summary>
    public static bool IsWellFormedArtifact(string? artifact)
    {
        if (artifact is not { Length: > 0 and <= 100 })
        {
            return false;
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(artifact, bytes, out var written) && written == 44 && bytes[0] == 0 && bytes[1] == 4;
    }

    /// <summary>The source id inside an artifact: SHA-1 of the broker's entity ID.</summary>
    public static byte[] ArtifactSourceId(string artifact) => Convert.FromBase64String(artifact)[4..24];
}
