using System.Xml;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>Appending prefixed elements while the builder writes a message.</summary>
internal static class SamlElements
{
    public static XmlElement Append(XmlElement parent, string prefix, string localName, string ns)
    {
        var child = parent.OwnerDocument.CreateElement(prefix, localName, ns);
        parent.AppendChild(child);
        return child;
    }

    public static XmlElement AppendText(XmlElement parent, string prefix, string localName, string ns, string text)
    {
        var child = Append(parent, prefix, localName, ns);
        child.AppendChild(parent.OwnerDocument.CreateTextNode(text));
        return child;
    }
}
