using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>What the portal needs from the broker's (IdP) metadata. Signatures are checked only with these certificates.</summary>
public sealed record BrokerMetadata(string EntityId, string SsoUrl, string? ArtifactResolutionUrl, IReadOnlyList<X509Certificate2> SigningCertificates)
{
    private const string Md = SamlNames.Metadata;

    public static BrokerMetadata Parse(string xml)
    {
        var document = XmlSigning.Load(xml);
        var entity = document.DocumentElement;
        if (entity is null || entity.LocalName != "EntityDescriptor" || entity.NamespaceURI != Md)
        {
            throw new InvalidOperationException("Broker metadata has no md:EntityDescriptor at its root.");
        }

        var idp = Children(entity, "IDPSSODescriptor").SingleOrDefault()
            ?? throw new InvalidOperationException("Broker metadata has no md:IDPSSODescriptor.");
        var sso = Children(idp, "SingleSignOnService").ToList();
        // We always send by HTTP-POST; an IdP that lists only its Redirect endpoint (SimpleSAMLphp) takes POST there too.
        var post = sso.FirstOrDefault(e => e.GetAttribute("Binding") == SamlNames.PostBinding)
            ?? sso.FirstOrDefault(e => e.GetAttribute("Binding") == SamlNames.RedirectBinding)
            ?? throw new InvalidOperationException("Broker metadata offers no HTTP-POST or HTTP-Redirect SingleSignOnService.");
        var ars = Children(idp, "ArtifactResolutionService").FirstOrDefault(e => e.GetAttribute("Binding") == SamlNames.SoapBinding);
        var certificates = Children(idp, "KeyDescriptor")
            .Where(k => k.GetAttribute("use") is "" or "signing")
            .SelectMany(k => k.GetElementsByTagName("X509Certificate", SamlNames.DSig).Cast<XmlElement>())
            .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.InnerText.Trim())))
            .ToList();
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException("Broker metadata has no signing certificate.");
        }

        var entityId = entity.GetAttribute("entityID");
        if (string.IsNullOrWhiteSpace(entityId))
        {
            throw new InvalidOperationException("Broker metadata has no entityID.");
        }

        return new BrokerMetadata(entityId, post.GetAttribute("Location"), ars?.GetAttribute("Location"), certificates);
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == Md);
}
