using System.Xml;
using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>
/// Forged, tampered and hostile responses, each refused for its own reason. Wrapping attacks use the HTTP-POST
/// binding: inside a signed ArtifactResponse any move breaks the outer signature first (which another test shows).
/// </summary>
public sealed partial class SamlAttackTests
{
    private static SamlValidation ValidateArtifact(string xml, DateTimeOffset? now = null, SamlExpectations? expected = null) =>
        Validator(now).ValidateArtifactResponse(xml, expected ?? Expectations());

    /// <summary>A copy of a signed assertion with another ID and another KVK number, keeping its signature.</summary>
    private static XmlElement ForgedCopy(XmlElement assertion, string id)
    {
        var copy = (XmlElement)assertion.CloneNode(deep: true);
        copy.SetAttribute("ID", id);
        var kvkValue = copy.SelectSingleNode(
            "saml:AttributeStatement/saml:Attribute[@Name='urn:etoegang:1.9:EntityConcernedID:KvKnr']/saml:AttributeValue",
            Namespaces(assertion.OwnerDocument))!;
        kvkValue.InnerText = "66666666";
        return copy;
    }
}
