using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// The one place a SAML <see cref="XmlDocument"/> is created or loaded: no DTDs, no resolver, whitespace preserved
/// (signatures cover it).
/// </summary>
public static class SamlParser
{
    /// <summary>An empty document for building a message that will be signed.</summary>
    public static XmlDocument NewDocument() => new() { PreserveWhitespace = true, XmlResolver = null };

    /// <summary>Parses untrusted XML.</summary>
    /// <exception cref="SamlRejection">The text is not well-formed XML or contains a DTD.</exception>
    public static XmlDocument Parse(string xml)
    {
        var document = NewDocument();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings());
            document.Load(reader);
        }
        catch (XmlException e)
        {
            // DtdProcessing.Prohibit is what stops the DTD; the text test only names the failure for the log.
            if (xml.Contains("<!DOCTYPE", StringComparison.Ordinal))
            {
                throw new SamlRejection(SamlFailure.Dtd, "the message contains a DTD (<!DOCTYPE>), which is prohibited");
            }

            throw new SamlRejection(SamlFailure.Malformed, $"the message is not well-formed XML: {SamlXml.ForLog(e.Message)}");
        }

        if (document.DocumentType is not null)
        {
            throw new SamlRejection(SamlFailure.Dtd, "the message contains a DTD");
        }

        return document;
    }

    /// <summary>Reads a decrypted fragment into <paramref name="document"/> with the same settings as a whole message.</summary>
    internal static XmlReader FragmentReader(string xml, XmlDocument document, XmlNamespaceManager namespaces) =>
        XmlReader.Create(
            new StringReader(xml),
            ReaderSettings(ConformanceLevel.Fragment),
            new XmlParserContext(document.NameTable, namespaces, null, XmlSpace.None));

    private static XmlReaderSettings ReaderSettings(ConformanceLevel conformance = ConformanceLevel.Document) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = SamlResponseValidator.MaxMessageBytes,
        ConformanceLevel = conformance,
    };
}
