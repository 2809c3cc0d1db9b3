using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>When and for whom an assertion holds: validity windows, audience and the bearer subject confirmation.</summary>
internal static class SamlConditions
{
    public static DateTimeOffset? CheckWindow(XmlElement element, DateTimeOffset now, TimeSpan skew, string what)
    {
        var notBefore = SamlXml.Time(element, "NotBefore");
        if (notBefore is not null && now + skew < notBefore)
        {
            throw new SamlRejection(SamlFailure.NotYetValid, $"the {what} are valid from {notBefore:O}; it is now {now:O}");
        }

        var notOnOrAfter = SamlXml.Time(element, "NotOnOrAfter");
        if (notOnOrAfter is not null && now - skew >= notOnOrAfter)
        {
            throw new SamlRejection(SamlFailure.Expired, $"the {what} expired at {notOnOrAfter:O}; it is now {now:O}");
        }

        return notOnOrAfter;
    }

    public static void CheckAudience(XmlElement conditions, SamlExpectations expected)
    {
        // Every AudienceRestriction must name us (SAML core 2.5.1.4).
        var restrictions = SamlXml.Children(conditions, SamlVocabulary.Assertion, "AudienceRestriction").ToList();
        if (restrictions.Count == 0)
        {
            throw new SamlRejection(SamlFailure.Audience, "the assertion has no AudienceRestriction");
        }

        foreach (var restriction in restrictions)
        {
            var audiences = SamlXml.Children(restriction, SamlVocabulary.Assertion, "Audience").Select(SamlXml.Text).ToList();
            if (!audiences.Contains(expected.SpEntityId, StringComparer.Ordinal))
            {
                throw new SamlRejection(
                    SamlFailure.Audience,
                    $"the assertion is meant for [{SamlXml.ForLog(string.Join(", ", audiences))}], not for us");
            }
        }
    }

    public static DateTimeOffset CheckSubjectConfirmation(
        XmlElement subject, string inResponseTo, SamlExpectations expected, DateTimeOffset now, TimeSpan skew)
    {
        var bearers = SamlXml.Children(subject, SamlVocabulary.Assertion, "SubjectConfirmation")
            .Where(c => SamlXml.Attribute(c, "Method") == SamlVocabulary.BearerConfirmation)
            .ToList();
        if (bearers.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the Subject has {bearers.Count} bearer SubjectConfirmations instead of one");
        }

        var data = SamlXml.Required(bearers[0], SamlVocabulary.Assertion, "SubjectConfirmationData");
        var recipient = SamlXml.Attribute(data, "Recipient");
        if (recipient != expected.AcsUrl)
        {
            throw new SamlRejection(SamlFailure.Recipient, $"the SubjectConfirmationData Recipient is '{SamlXml.ForLog(recipient)}', not our ACS");
        }

        var confirmed = SamlXml.Attribute(data, "InResponseTo");
        if (confirmed != inResponseTo)
        {
            throw new SamlRejection(
                SamlFailure.InResponseTo,
                $"the SubjectConfirmationData answers '{SamlXml.ForLog(confirmed)}' while the Response answers '{SamlXml.ForLog(inResponseTo)}'");
        }

        return CheckWindow(data, now, skew, "SubjectConfirmationData")
            ?? throw new SamlRejection(SamlFailure.Malformed, "the bearer SubjectConfirmationData has no NotOnOrAfter");
    }
}
