using System.Text;
using System.Xml;
using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

// The Assertion the builder puts in a successful Response: subject, conditions, attributes and AuthnStatement.
internal sealed partial class SamlResponseBuilder
{
    private XmlElement BuildAssertion(XmlElement response)
    {
        var notBefore = NotBefore ?? IssueInstant.AddSeconds(-5);
        var notOnOrAfter = NotOnOrAfter ?? IssueInstant.AddMinutes(2);

        var assertion = SamlElements.Append(response, "saml", "Assertion", SamlVocabulary.Assertion);
        assertion.SetAttribute("ID", AssertionId);
        assertion.SetAttribute("Version", "2.0");
        assertion.SetAttribute("IssueInstant", Format(IssueInstant));
        SamlElements.AppendText(assertion, "saml", "Issuer", SamlVocabulary.Assertion, Issuer);

        var subject = SamlElements.Append(assertion, "saml", "Subject", SamlVocabulary.Assertion);
        var nameId = SamlElements.AppendText(subject, "saml", "NameID", SamlVocabulary.Assertion, NameId);
        nameId.SetAttribute("Format", SamlVocabulary.TransientNameId);
        var confirmation = SamlElements.Append(subject, "saml", "SubjectConfirmation", SamlVocabulary.Assertion);
        confirmation.SetAttribute("Method", SamlVocabulary.BearerConfirmation);
        var data = SamlElements.Append(confirmation, "saml", "SubjectConfirmationData", SamlVocabulary.Assertion);
        data.SetAttribute("InResponseTo", SubjectConfirmationInResponseTo ?? AuthnRequestId);
        data.SetAttribute("NotOnOrAfter", Format(SubjectNotOnOrAfter ?? notOnOrAfter));
        data.SetAttribute("Recipient", Recipient ?? Destination);

        var conditions = SamlElements.Append(assertion, "saml", "Conditions", SamlVocabulary.Assertion);
        conditions.SetAttribute("NotBefore", Format(notBefore));
        conditions.SetAttribute("NotOnOrAfter", Format(notOnOrAfter));
        var restriction = SamlElements.Append(conditions, "saml", "AudienceRestriction", SamlVocabulary.Assertion);
        SamlElements.AppendText(restriction, "saml", "Audience", SamlVocabulary.Assertion, Audience);

        if (IncludeAdviceAssertion)
        {
            AppendAdvice(assertion);
        }

        var attributes = SamlElements.Append(assertion, "saml", "AttributeStatement", SamlVocabulary.Assertion);
        AddAttribute(attributes, SamlVocabulary.ServiceIdAttribute, ServiceId);
        AddAttribute(attributes, SamlVocabulary.ServiceUuidAttribute, ServiceUuid);
        if (IncludeEncryptedIds)
        {
            var legal = KvkNumber is not null
                ? (SamlVocabulary.KvkQualifier, KvkNumber)
                : Rsin is not null ? (SamlVocabulary.RsinQualifier, Rsin) : ((string, string)?)null;
            if (legal is { } l)
            {
                AddEncryptedIdAttribute(attributes, SamlVocabulary.LegalSubjectIdAttribute, l.Item1, l.Item2);
            }

            if (ActingSubjectId is not null)
            {
                AddEncryptedIdAttribute(attributes, SamlVocabulary.ActingSubjectIdAttribute, SamlVocabulary.PseudoQualifier, ActingSubjectId);
            }
        }

        if (IncludePlainAttributes)
        {
            AddAttribute(attributes, SamlVocabulary.KvkQualifier, PlainKvkNumber ?? KvkNumber);
            AddAttribute(attributes, SamlVocabulary.RsinQualifier, Rsin);
            AddAttribute(attributes, SamlVocabulary.PseudoAttribute, ActingSubjectId);
        }

        AddAttribute(attributes, SamlVocabulary.CompanyNameAttribute, CompanyName);
        AddAttribute(attributes, SamlVocabulary.BranchAttribute, BranchNumber);
        if (!attributes.HasChildNodes)
        {
            assertion.RemoveChild(attributes);
        }

        var authn = SamlElements.Append(assertion, "saml", "AuthnStatement", SamlVocabulary.Assertion);
        authn.SetAttribute("AuthnInstant", Format(IssueInstant));
        authn.SetAttribute("SessionIndex", SamlSigner.NewId());
        var context = SamlElements.Append(authn, "saml", "AuthnContext", SamlVocabulary.Assertion);
        SamlElements.AppendText(context, "saml", "AuthnContextClassRef", SamlVocabulary.Assertion, Level);
        return assertion;
    }

    private void AppendAdvice(XmlElement assertion)
    {
        var advice = SamlElements.Append(assertion, "saml", "Advice", SamlVocabulary.Assertion);
        var nested = SamlElements.Append(advice, "saml", "Assertion", SamlVocabulary.Assertion);
        var nestedId = SamlSigner.NewId();
        nested.SetAttribute("ID", nestedId);
        nested.SetAttribute("Version", "2.0");
        nested.SetAttribute("IssueInstant", Format(IssueInstant));
        SamlElements.AppendText(nested, "saml", "Issuer", SamlVocabulary.Assertion, "urn:etoegang:AD:00000003000000000002:entities:0001");
        var statement = SamlElements.Append(nested, "saml", "AttributeStatement", SamlVocabulary.Assertion);
        AddAttribute(statement, SamlVocabulary.KvkQualifier, "99999999");
        Sign(nested);
    }

    private static void AddAttribute(XmlElement statement, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var attribute = SamlElements.Append(statement, "saml", "Attribute", SamlVocabulary.Assertion);
        attribute.SetAttribute("Name", name);
        SamlElements.AppendText(attribute, "saml", "AttributeValue", SamlVocabulary.Assertion, value);
    }

    private void AddEncryptedIdAttribute(XmlElement statement, string name, string qualifier, string value)
    {
        var attribute = SamlElements.Append(statement, "saml", "Attribute", SamlVocabulary.Assertion);
        attribute.SetAttribute("Name", name);
        var attributeValue = SamlElements.Append(attribute, "saml", "AttributeValue", SamlVocabulary.Assertion);
        var encryptedId = SamlElements.Append(attributeValue, "saml", "EncryptedID", SamlVocabulary.Assertion);

        var plain = SamlParser.NewDocument();
        var nameId = plain.CreateElement("saml", "NameID", SamlVocabulary.Assertion);
        nameId.SetAttribute("NameQualifier", qualifier);
        nameId.AppendChild(plain.CreateTextNode(value));
        plain.AppendChild(nameId);
        var certificate = encryptionCertificate
            ?? throw new InvalidOperationException("EncryptedIDs need an encryption certificate; pass one or set IncludeEncryptedIds = false.");
        EncryptedIdWriter.Encrypt(
            encryptedId, Encoding.UTF8.GetBytes(nameId.OuterXml), certificate, DataEncryption, KeyTransport, DetachedEncryptedKey ? Audience : null);
    }
}
