using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>What every verified protocol message (ArtifactResponse, Response, Assertion) must carry: our broker as Issuer, a Success status.</summary>
internal static class SamlMessageChecks
{
    public static void RequireIssuer(XmlElement element, SamlExpectations expected, string what)
    {
        var issuerElement = SamlXml.Optional(element, SamlVocabulary.Assertion, "Issuer")
            ?? throw new SamlRejection(SamlFailure.Issuer, $"the {what} has no Issuer");
        var issuer = SamlXml.Text(issuerElement);
        if (issuer != expected.IssuerEntityId)
        {
            throw new SamlRejection(SamlFailure.Issuer, $"the {what} Issuer is '{SamlXml.ForLog(issuer)}', not the expected broker");
        }
    }

    public static void RequireSuccess(XmlElement message, string what)
    {
        var status = SamlXml.Required(message, SamlVocabulary.Protocol, "Status");
        var code = SamlXml.Required(status, SamlVocabulary.Protocol, "StatusCode");
        var value = SamlXml.Attribute(code, "Value");
        if (value == SamlVocabulary.SuccessStatus)
        {
            return;
        }

        var codes = new List<string?> { value };
        for (var nested = SamlXml.Optional(code, SamlVocabulary.Protocol, "StatusCode"); nested is not null;
             nested = SamlXml.Optional(nested, SamlVocabulary.Protocol, "StatusCode"))
        {
            codes.Add(SamlXml.Attribute(nested, "Value"));
        }

        var statusMessage = SamlXml.Optional(status, SamlVocabulary.Protocol, "StatusMessage")?.InnerText;
        var detail = $"the {what} status is {SamlXml.ForLog(string.Join(" / ", codes))} ({SamlXml.ForLog(statusMessage)})";
        throw new SamlRejection(codes.Contains(SamlVocabulary.AuthnFailedStatus) ? SamlFailure.Cancelled : SamlFailure.Status, detail);
    }
}
