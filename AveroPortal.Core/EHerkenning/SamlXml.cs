using System.Globalization;
using System.Text;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>Strict navigation of parsed messages: direct children only, whole text values, sanitised log text.</summary>
internal static class SamlXml
{
    /// <summary>
    /// Any attribute whose local name is ID, Id or id (in any case or namespace) takes part, so an <c>Id</c>
    /// look-alike cannot shadow the <c>ID</c> a reference was meant to resolve to.
    /// </summary>
    public static void RequireUniqueIds(XmlDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (attribute.NamespaceURI == SamlVocabulary.Xmlns || !attribute.LocalName.Equals("id", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!seen.Add(attribute.Value))
                {
                    throw new SamlRejection(
                        SamlFailure.Wrapping,
                        $"the ID '{ForLog(attribute.Value)}' occurs more than once (as {attribute.Name} on {element.Name})");
                }
            }
        }
    }

    public static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static XmlElement? Optional(XmlElement parent, string ns, string localName)
    {
        var found = Children(parent, ns, localName).Take(2).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new SamlRejection(SamlFailure.Malformed, $"{parent.LocalName} has more than one {localName}"),
        };
    }

    public static XmlElement Required(XmlElement parent, string ns, string localName) =>
        Optional(parent, ns, localName)
        ?? throw new SamlRejection(SamlFailure.Malformed, $"{parent.LocalName} has no {localName}");

    /// <summary>An unqualified attribute, or null when absent.</summary>
    public static string? Attribute(XmlElement element, string name) =>
        element.GetAttributeNode(name, string.Empty)?.Value;

    /// <summary>
    /// The whole text of a value element. A comment or child element inside a value is refused: with
    /// exc-c14n (without comments) a comment does not change the digest, so <c>244&lt;!----&gt;44001</c> still verifies
    /// and a parser that reads the first text node only would see <c>244</c>.
    /// </summary>
    public static string Text(XmlElement element)
    {
        var text = new StringBuilder();
        foreach (XmlNode child in element.ChildNodes)
        {
            switch (child.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(child.Value);
                    break;
                case XmlNodeType.Comment:
                    throw new SamlRejection(SamlFailure.Malformed, $"{element.LocalName} contains a comment inside its value");
                default:
                    throw new SamlRejection(SamlFailure.Malformed, $"{element.LocalName} contains {child.NodeType} inside its value");
            }
        }

        // Values are URIs, numbers and names; surrounding white space only comes from pretty-printing.
        return text.ToString().Trim(' ', '\t', '\r', '\n');
    }

    public static DateTimeOffset? Time(XmlElement element, string attribute)
    {
        var value = Attribute(element, attribute);
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(
                value,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var time) || !value.Contains('T'))
        {
            throw new SamlRejection(SamlFailure.Malformed, $"{element.LocalName}/@{attribute} '{ForLog(value)}' is not an xs:dateTime");
        }

        return time;
    }

    /// <summary>An xs:dateTime in UTC to the second, as the portal writes it.</summary>
    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The namespace declarations in scope at <paramref name="element"/> that it does not declare itself, nearest first.
    /// </summary>
    public static IEnumerable<XmlAttribute> InheritedNamespaces(XmlElement element)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (XmlAttribute own in element.Attributes)
        {
            if (own.NamespaceURI == SamlVocabulary.Xmlns)
            {
                declared.Add(own.Name);
            }
        }

        for (var ancestor = element.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI == SamlVocabulary.Xmlns && declared.Add(attribute.Name))
                {
                    yield return attribute;
                }
            }
        }
    }

    /// <summary>Attacker-supplied text for a log line: no control characters, bounded length.</summary>
    public static string ForLog(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var cleaned = new string(value.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
        return value.Length > 200 ? cleaned + "..." : cleaned;
    }
}
