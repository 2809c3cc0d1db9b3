using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// The eHerkenning attributes of an assertion by name. Unknown attributes are ignored; a known one that occurs twice
/// or with more than one value is refused, so no reader can pick a different copy than another.
/// </summary>
internal sealed class SamlAttributes
{
    private static readonly HashSet<string> KnownAttributes =
    [
        SamlVocabulary.ServiceIdAttribute, SamlVocabulary.ServiceUuidAttribute, SamlVocabulary.LegalSubjectIdAttribute,
        SamlVocabulary.ActingSubjectIdAttribute, SamlVocabulary.KvkQualifier, SamlVocabulary.RsinQualifier,
        SamlVocabulary.PseudoAttribute, SamlVocabulary.CompanyNameAttribute, SamlVocabulary.BranchAttribute,
    ];

    private readonly Dictionary<string, XmlElement> _attributes;

    private SamlAttributes(Dictionary<string, XmlElement> attributes) => _attributes = attributes;

    public static SamlAttributes Read(XmlElement assertion)
    {
        var attributes = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (var statement in SamlXml.Children(assertion, SamlVocabulary.Assertion, "AttributeStatement"))
        {
            foreach (var attribute in SamlXml.Children(statement, SamlVocabulary.Assertion, "Attribute"))
            {
                var name = SamlXml.Attribute(attribute, "Name")
                    ?? throw new SamlRejection(SamlFailure.Malformed, "an Attribute has no Name");
                if (KnownAttributes.Contains(name) && !attributes.TryAdd(name, attribute))
                {
                    throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} occurs more than once");
                }
            }
        }

        return new SamlAttributes(attributes);
    }

    private XmlElement? OnlyValue(string name)
    {
        if (!_attributes.TryGetValue(name, out var attribute))
        {
            return null;
        }

        var values = SamlXml.Children(attribute, SamlVocabulary.Assertion, "AttributeValue").ToList();
        return values.Count == 1
            ? values[0]
            : throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} has {values.Count} values instead of one");
    }

    /// <summary>The text of the one value of attribute <paramref name="name"/>, or null when it is absent.</summary>
    public string? SingleValue(string name) =>
        OnlyValue(name) is { } value ? SamlXml.Text(value) : null;

    /// <summary>The NameID (decrypted when it is an EncryptedID) held by attribute <paramref name="name"/>, or null when absent.</summary>
    public XmlElement? NameIdValue(string name, SamlExpectations expected)
    {
        if (OnlyValue(name) is not { } value)
        {
            return null;
        }

        var children = value.ChildNodes.OfType<XmlElement>().ToList();
        if (children.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} does not hold exactly one identifier");
        }

        return children[0] switch
        {
            { LocalName: "EncryptedID", NamespaceURI: SamlVocabulary.Assertion } encrypted =>
                EncryptedIdDecryptor.DecryptNameId(encrypted, expected.DecryptionCertificate),
            { LocalName: "NameID", NamespaceURI: SamlVocabulary.Assertion } plain => plain,
            _ => throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} holds {SamlXml.ForLog(children[0].Name)}"),
        };
    }
}
