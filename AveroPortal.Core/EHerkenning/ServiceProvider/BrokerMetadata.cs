using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>
/// What the portal needs from the broker's (IdP) metadata. Signatures of responses are checked only with these
/// certificates, so the metadata itself is trusted only when the pinned metadata-signing certificate signed it.
/// </summary>
public sealed record BrokerMetadata(string EntityId, string SsoUrl, string? ArtifactResolutionUrl, IReadOnlyList<X509Certificate2> SigningCertificates)
{
    private const string Md = SamlVocabulary.Metadata;

    /// <summary>When the broker says this metadata stops being valid (its validUntil); null for metadata built in code.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>
    /// Reads metadata that must be signed by <paramref name="metadataSigningCertificate"/> (the same strict
    /// signature rules as for responses: one enveloped signature over the root, exc-c14n, RSA-SHA2, no KeyInfo
    /// trust) and carry a validUntil after <paramref name="now"/>. Every value comes from the verified copy.
    /// </summary>
    /// <exception cref="UntrustedMetadataException">The metadata is unsigned, tampered, signed by another key,
    /// expired, or lacks what the portal needs.</exception>
    public static BrokerMetadata Parse(string xml, X509Certificate2 metadataSigningCertificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(metadataSigningCertificate);
        XmlElement entity;
        try
        {
            var document = SamlParser.Parse(xml);
            SamlXml.RequireUniqueIds(document);
            var root = document.DocumentElement;
            if (root is null || root.LocalName != "EntityDescriptor" || root.NamespaceURI != Md)
            {
                throw new UntrustedMetadataException("the broker metadata has no md:EntityDescriptor at its root");
            }

            entity = SamlSignature.Verify(root, [metadataSigningCertificate], "broker metadata");
        }
        catch (SamlRejection rejection)
        {
            throw new UntrustedMetadataException($"{rejection.Failure}: {rejection.Message}");
        }

        DateTimeOffset validUntil;
        try
        {
            validUntil = SamlXml.Time(entity, "validUntil")
                ?? throw new UntrustedMetadataException("the broker metadata has no validUntil, so an old copy would be valid forever");
        }
        catch (SamlRejection rejection)
        {
            throw new UntrustedMetadataException(rejection.Message);
        }

        if (validUntil <= now)
        {
            throw new UntrustedMetadataException($"the broker metadata expired at {validUntil:yyyy-MM-ddTHH:mm:ssZ} (validUntil)");
        }

        return Read(entity) with { ValidUntil = validUntil };
    }

    /// <summary>
    /// This metadata as a broker publishes it, signed by <paramref name="metadataSigner"/> (the Development test
    /// broker and the tests; a real broker publishes its own).
    /// </summary>
    public string ToSignedXml(X509Certificate2 metadataSigner, DateTimeOffset validUntil)
    {
        var document = ToXml(validUntil);
        SamlSigner.Sign(document.DocumentElement!, metadataSigner, null);
        return document.OuterXml;
    }

    /// <summary>The unsigned EntityDescriptor with an IDPSSODescriptor, for <see cref="ToSignedXml"/> (and tests that tamper).</summary>
    public XmlDocument ToXml(DateTimeOffset validUntil)
    {
        var document = SamlParser.NewDocument();
        var entity = document.CreateElement("md", "EntityDescriptor", Md);
        document.AppendChild(entity);
        entity.SetAttribute("ID", SamlSigner.NewId());
        entity.SetAttribute("entityID", EntityId);
        entity.SetAttribute("validUntil", SamlXml.Instant(validUntil));
        var idp = document.CreateElement("md", "IDPSSODescriptor", Md);
        idp.SetAttribute("WantAuthnRequestsSigned", "true");
        idp.SetAttribute("protocolSupportEnumeration", SamlVocabulary.Protocol);
        entity.AppendChild(idp);
        foreach (var certificate in SigningCertificates)
        {
            var key = document.CreateElement("md", "KeyDescriptor", Md);
            key.SetAttribute("use", "signing");
            var info = document.CreateElement("ds", "KeyInfo", SamlVocabulary.DSig);
            var data = document.CreateElement("ds", "X509Data", SamlVocabulary.DSig);
            var value = document.CreateElement("ds", "X509Certificate", SamlVocabulary.DSig);
            value.InnerText = Convert.ToBase64String(certificate.RawData);
            data.AppendChild(value);
            info.AppendChild(data);
            key.AppendChild(info);
            idp.AppendChild(key);
        }

        if (ArtifactResolutionUrl is not null)
        {
            var ars = document.CreateElement("md", "ArtifactResolutionService", Md);
            ars.SetAttribute("Binding", SamlVocabulary.SoapBinding);
            ars.SetAttribute("Location", ArtifactResolutionUrl);
            ars.SetAttribute("index", "0");
            idp.AppendChild(ars);
        }

        var sso = document.CreateElement("md", "SingleSignOnService", Md);
        sso.SetAttribute("Binding", SamlVocabulary.PostBinding);
        sso.SetAttribute("Location", SsoUrl);
        idp.AppendChild(sso);
        return document;
    }

    private static BrokerMetadata Read(XmlElement entity)
    {
        var idp = Children(entity, "IDPSSODescriptor").ToList() is [var single] ? single
            : throw new UntrustedMetadataException("the broker metadata does not have exactly one md:IDPSSODescriptor");
        var sso = Children(idp, "SingleSignOnService").ToList();
        // We always send by HTTP-POST; an IdP that lists only its Redirect endpoint (SimpleSAMLphp) takes POST there too.
        var post = sso.FirstOrDefault(e => e.GetAttribute("Binding") == SamlVocabulary.PostBinding)
            ?? sso.FirstOrDefault(e => e.GetAttribute("Binding") == SamlVocabulary.RedirectBinding)
            ?? throw new UntrustedMetadataException("the broker metadata offers no HTTP-POST or HTTP-Redirect SingleSignOnService");
        var ars = Children(idp, "ArtifactResolutionService").FirstOrDefault(e => e.GetAttribute("Binding") == SamlVocabulary.SoapBinding);
        List<X509Certificate2> certificates;
        try
        {
            certificates = Children(idp, "KeyDescriptor")
                .Where(k => k.GetAttribute("use") is "" or "signing")
                .SelectMany(k => k.GetElementsByTagName("X509Certificate", SamlVocabulary.DSig).Cast<XmlElement>())
                .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.InnerText.Trim())))
                .ToList();
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new UntrustedMetadataException("the broker metadata has an unreadable X509Certificate: " + e.Message);
        }

        if (certificates.Count == 0)
        {
            throw new UntrustedMetadataException("the broker metadata has no signing certificate");
        }

        var entityId = entity.GetAttribute("entityID");
        if (string.IsNullOrWhiteSpace(entityId))
        {
            throw new UntrustedMetadataException("the broker metadata has no entityID");
        }

        return new BrokerMetadata(entityId, post.GetAttribute("Location"), ars?.GetAttribute("Location"), certificates);
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == Md);
}
