using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>The portal's signed SP metadata and its service catalogue (dienstencatalogus) entry, both from configuration.</summary>
public static class SpMetadata
{
    public static string EntityDescriptor(EHerkenningOptions options, DateTimeOffset now)
    {
        var document = SamlParser.NewDocument();
        var md = SamlVocabulary.Metadata;
        var entity = document.CreateElement("md", "EntityDescriptor", md);
        document.AppendChild(entity);
        entity.SetAttribute("ID", SamlSigner.NewId());
        entity.SetAttribute("entityID", options.EntityId);
        entity.SetAttribute("validUntil", SamlXml.Instant(now.AddDays(30)));

        var sp = document.CreateElement("md", "SPSSODescriptor", md);
        sp.SetAttribute("AuthnRequestsSigned", "true");
        sp.SetAttribute("WantAssertionsSigned", "true");
        sp.SetAttribute("protocolSupportEnumeration", SamlVocabulary.Protocol);
        entity.AppendChild(sp);
        sp.AppendChild(KeyDescriptor(document, "signing", options.SigningCertificate));
        sp.AppendChild(KeyDescriptor(document, "encryption", options.EncryptionCertificate));
        var acs = document.CreateElement("md", "AssertionConsumerService", md);
        acs.SetAttribute("Binding", options.ResponseBinding == ResponseBinding.Artifact ? SamlVocabulary.ArtifactBinding : SamlVocabulary.PostBinding);
        acs.SetAttribute("Location", options.AcsUrl);
        acs.SetAttribute("index", "0");
        acs.SetAttribute("isDefault", "true");
        sp.AppendChild(acs);
        // One AttributeConsumingService per service; the identifying attributes (KvKnr, Pseudo, RSIN, BSN) are not listed.
        var service = document.CreateElement("md", "AttributeConsumingService", md);
        service.SetAttribute("index", options.ServiceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        service.SetAttribute("isDefault", "true");
        var name = document.CreateElement("md", "ServiceName", md);
        name.SetAttribute("xml:lang", "nl");
        name.InnerText = options.ServiceName;
        service.AppendChild(name);
        var requested = document.CreateElement("md", "RequestedAttribute", md);
        requested.SetAttribute("Name", options.ServiceUuid);
        requested.SetAttribute("isRequired", "false");
        service.AppendChild(requested);
        sp.AppendChild(service);

        // The signature goes first (before SPSSODescriptor), as the metadata schema wants.
        SamlSigner.Sign(entity, options.SigningCertificate, null);
        return document.OuterXml;
    }

    public static string ServiceCatalogue(EHerkenningOptions options, DateTimeOffset now)
    {
        var esc = SamlVocabulary.ServiceCatalogue;
        var document = SamlParser.NewDocument();
        var catalogue = document.CreateElement("esc", "ServiceCatalogue", esc);
        document.AppendChild(catalogue);
        catalogue.SetAttribute("ID", SamlSigner.NewId());
        catalogue.SetAttribute("IssueInstant", SamlXml.Instant(now));
        catalogue.SetAttribute("Version", SamlVocabulary.ServiceCatalogueVersion);
        var provider = Append(document, catalogue, "ServiceProvider");
        Append(document, provider, "ServiceProviderID").InnerText = options.Oin;
        Lang(Append(document, provider, "OrganizationDisplayName")).InnerText = "Avéro Achmea";
        var definition = Append(document, provider, "ServiceDefinition");
        Append(document, definition, "ServiceUUID").InnerText = options.ServiceUuid;
        Lang(Append(document, definition, "ServiceName")).InnerText = options.ServiceName;
        Lang(Append(document, definition, "ServiceDescription")).InnerText = "Inloggen op " + options.ServiceName;
        var level = Append(document, definition, "LoA", "saml", SamlVocabulary.Assertion);
        level.InnerText = options.RequiredLevel;
        Append(document, definition, "EntityConcernedTypesAllowed").InnerText = SamlVocabulary.KvkQualifier;
        var instance = Append(document, provider, "ServiceInstance");
        Append(document, instance, "ServiceID").InnerText = options.ServiceId;
        Append(document, instance, "ServiceUUID").InnerText = options.ServiceUuid;
        Append(document, instance, "InstanceOfService").InnerText = options.ServiceUuid;
        Lang(Append(document, instance, "ServiceURL")).InnerText = options.AcsUrl;
        var encryption = Append(document, instance, "Certificate");
        var keyInfo = Append(document, encryption, "KeyInfo", "ds", SamlVocabulary.DSig);
        var data = Append(document, keyInfo, "X509Data", "ds", SamlVocabulary.DSig);
        Append(document, data, "X509Certificate", "ds", SamlVocabulary.DSig).InnerText = Convert.ToBase64String(options.EncryptionCertificate.RawData);

        SamlSigner.Sign(catalogue, options.SigningCertificate, null);
        return document.OuterXml;
    }

    private static XmlElement KeyDescriptor(XmlDocument document, string use, X509Certificate2 certificate)
    {
        var key = document.CreateElement("md", "KeyDescriptor", SamlVocabulary.Metadata);
        key.SetAttribute("use", use);
        var info = Append(document, key, "KeyInfo", "ds", SamlVocabulary.DSig);
        var data = Append(document, info, "X509Data", "ds", SamlVocabulary.DSig);
        Append(document, data, "X509Certificate", "ds", SamlVocabulary.DSig).InnerText = Convert.ToBase64String(certificate.RawData);
        return key;
    }

    private static XmlElement Append(XmlDocument document, XmlElement parent, string name, string prefix = "esc", string ns = SamlVocabulary.ServiceCatalogue)
    {
        var element = document.CreateElement(prefix, name, ns);
        parent.AppendChild(element);
        return element;
    }

    private static XmlElement Lang(XmlElement element)
    {
        element.SetAttribute("xml:lang", "nl");
        return element;
    }
}
