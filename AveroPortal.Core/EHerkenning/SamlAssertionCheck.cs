using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// The checks on a verified Response and its verified direct Assertion that turn it into a <see cref="SamlIdentity"/>:
/// issuer, destination, conditions, subject, level, service and the identifying attributes.
/// </summary>
internal static class SamlAssertionCheck
{
    public static SamlValidation Check(XmlElement response, XmlElement assertion, SamlExpectations expected, DateTimeOffset now)
    {
        var skew = expected.ClockSkew;

        SamlMessageChecks.RequireIssuer(response, expected, "Response");
        var destination = SamlXml.Attribute(response, "Destination");
        if (destination != expected.AcsUrl)
        {
            throw new SamlRejection(SamlFailure.Destination, $"the Response Destination is '{SamlXml.ForLog(destination)}', not our ACS");
        }

        var inResponseTo = SamlXml.Attribute(response, "InResponseTo");
        if (string.IsNullOrEmpty(inResponseTo))
        {
            throw new SamlRejection(SamlFailure.InResponseTo, "the Response has no InResponseTo; unsolicited responses are refused");
        }

        SamlMessageChecks.RequireIssuer(assertion, expected, "Assertion");
        var assertionId = SamlXml.Attribute(assertion, "ID")!;

        var conditions = SamlXml.Required(assertion, SamlVocabulary.Assertion, "Conditions");
        var conditionsEnd = SamlConditions.CheckWindow(conditions, now, skew, "Conditions");
        SamlConditions.CheckAudience(conditions, expected);

        var subject = SamlXml.Required(assertion, SamlVocabulary.Assertion, "Subject");
        var subjectEnd = SamlConditions.CheckSubjectConfirmation(subject, inResponseTo, expected, now, skew);
        var nameId = ReadNameId(subject, expected);

        var level = ReadLevel(assertion);
        var received = AssuranceLevel.RankReceived(level);
        if (received is null)
        {
            throw new SamlRejection(SamlFailure.LevelTooLow, $"the level '{SamlXml.ForLog(level)}' is not an eHerkenning assurance class");
        }

        if (received < AssuranceLevel.Rank(expected.MinimumLevel))
        {
            throw new SamlRejection(SamlFailure.LevelTooLow, $"the level {level} is below the required {expected.MinimumLevel}");
        }

        var attributes = SamlAttributes.Read(assertion);
        var serviceId = attributes.SingleValue(SamlVocabulary.ServiceIdAttribute);
        if (expected.ServiceId is not null && serviceId is not null && serviceId != expected.ServiceId)
        {
            throw new SamlRejection(SamlFailure.ServiceMismatch, $"the ServiceID is '{SamlXml.ForLog(serviceId)}', not '{expected.ServiceId}'");
        }

        var serviceUuid = attributes.SingleValue(SamlVocabulary.ServiceUuidAttribute);
        if (expected.ServiceUuid is not null && serviceUuid is not null
            && !string.Equals(serviceUuid, expected.ServiceUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new SamlRejection(SamlFailure.ServiceMismatch, $"the ServiceUUID is '{SamlXml.ForLog(serviceUuid)}', not '{expected.ServiceUuid}'");
        }

        // The encrypted LegalSubjectID/ActingSubjectID win over the plain attributes: they are the profile's form,
        // encrypted to our key alone; the plain ones are what brokers send besides (or instead) today.
        string? kvk = null;
        string? rsin = null;
        if (attributes.NameIdValue(SamlVocabulary.LegalSubjectIdAttribute, expected) is { } legalSubject)
        {
            var qualifier = SamlXml.Attribute(legalSubject, "NameQualifier");
            var value = SamlXml.Text(legalSubject);
            if (qualifier == SamlVocabulary.KvkQualifier)
            {
                kvk = value;
            }
            else if (qualifier == SamlVocabulary.RsinQualifier)
            {
                rsin = value;
            }
        }

        kvk ??= attributes.SingleValue(SamlVocabulary.KvkQualifier);
        rsin ??= attributes.SingleValue(SamlVocabulary.RsinQualifier);
        var actingSubject = attributes.NameIdValue(SamlVocabulary.ActingSubjectIdAttribute, expected) is { } acting
            ? SamlXml.Text(acting)
            : attributes.SingleValue(SamlVocabulary.PseudoAttribute);

        if (kvk is null)
        {
            throw new SamlRejection(SamlFailure.KvkMissing, "the assertion carries no KVK number");
        }

        if (kvk.Length != 8 || !kvk.All(char.IsAsciiDigit))
        {
            throw new SamlRejection(SamlFailure.KvkMissing, $"the KVK number '{SamlXml.ForLog(kvk)}' is not 8 digits");
        }

        return SamlValidation.Accepted(new SamlIdentity(
            Issuer: expected.IssuerEntityId,
            InResponseTo: inResponseTo,
            AssertionId: assertionId,
            NotOnOrAfter: conditionsEnd is { } c && c < subjectEnd ? c : subjectEnd,
            Level: level,
            KvkNumber: kvk,
            Rsin: rsin,
            ActingSubjectId: actingSubject,
            CompanyName: attributes.SingleValue(SamlVocabulary.CompanyNameAttribute),
            BranchNumber: attributes.SingleValue(SamlVocabulary.BranchAttribute),
            ServiceId: serviceId,
            ServiceUuid: serviceUuid,
            NameId: nameId));
    }

    private static string ReadNameId(XmlElement subject, SamlExpectations expected)
    {
        if (SamlXml.Optional(subject, SamlVocabulary.Assertion, "NameID") is { } plain)
        {
            return SamlXml.Text(plain);
        }

        if (SamlXml.Optional(subject, SamlVocabulary.Assertion, "EncryptedID") is { } encrypted)
        {
            return SamlXml.Text(EncryptedIdDecryptor.DecryptNameId(encrypted, expected.DecryptionCertificate));
        }

        throw new SamlRejection(SamlFailure.Malformed, "the Subject has no NameID");
    }

    private static string ReadLevel(XmlElement assertion)
    {
        var statements = SamlXml.Children(assertion, SamlVocabulary.Assertion, "AuthnStatement").ToList();
        if (statements.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the assertion has {statements.Count} AuthnStatements instead of one");
        }

        var context = SamlXml.Required(statements[0], SamlVocabulary.Assertion, "AuthnContext");
        return SamlXml.Text(SamlXml.Required(context, SamlVocabulary.Assertion, "AuthnContextClassRef"));
    }
}
