using System.Text;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// Validates eHerkenning (SAML 2.0) responses by hand on System.Security.Cryptography.Xml. Stateless: the caller
/// consumes <see cref="SamlIdentity.InResponseTo"/> against its outstanding requests and stores
/// <see cref="SamlIdentity.AssertionId"/> for replay protection.
/// </summary>
public sealed class SamlResponseValidator(TimeProvider time)
{
    /// <summary>Messages above this many bytes are refused before parsing.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private const string Success = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private const string AuthnFailed = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";
    private const string Bearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    private const string ServiceIdAttribute = "urn:etoegang:core:ServiceID";
    private const string ServiceUuidAttribute = "urn:etoegang:core:ServiceUUID";
    private const string LegalSubjectIdAttribute = "urn:etoegang:core:LegalSubjectID";
    private const string ActingSubjectIdAttribute = "urn:etoegang:core:ActingSubjectID";
    private const string KvkQualifier = "urn:etoegang:1.9:EntityConcernedID:KvKnr";
    private const string RsinQualifier = "urn:etoegang:1.9:EntityConcernedID:RSIN";
    private const string PseudoAttribute = "urn:etoegang:1.13:EntityConcernedID:Pseudo";
    private const string CompanyNameAttribute = "urn:etoegang:1.11:attribute-represented:CompanyName";
    private const string BranchAttribute = "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr";

    private static readonly HashSet<string> KnownAttributes =
    [
        ServiceIdAttribute, ServiceUuidAttribute, LegalSubjectIdAttribute, ActingSubjectIdAttribute, KvkQualifier,
        RsinQualifier, PseudoAttribute, CompanyNameAttribute, BranchAttribute,
    ];

    /// <summary>
    /// Validates the SOAP envelope the broker returned for our ArtifactResolve:
    /// soap:Envelope/soap:Body/samlp:ArtifactResponse (signed) / samlp:Response / saml:Assertion (signed).
    /// </summary>
    public SamlValidation ValidateArtifactResponse(string soapEnvelopeXml, SamlExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(soapEnvelopeXml);
        CheckConfiguration(expected);
        try
        {
            if (soapEnvelopeXml.Length > MaxMessageBytes || Encoding.UTF8.GetByteCount(soapEnvelopeXml) > MaxMessageBytes)
            {
                throw new SamlRejection(SamlFailure.TooLarge, $"the SOAP message exceeds {MaxMessageBytes} bytes");
            }

            var document = SamlXml.Parse(soapEnvelopeXml);
            SamlXml.RequireUniqueIds(document);

            var envelope = document.DocumentElement!;
            if (envelope.LocalName != "Envelope" || envelope.NamespaceURI != SamlXml.SoapNs)
            {
                throw new SamlRejection(SamlFailure.Malformed, $"the root element is {SamlXml.ForLog(envelope.Name)}, not soap:Envelope");
            }

            var body = SamlXml.Required(envelope, SamlXml.SoapNs, "Body");
            var bodyElements = body.ChildNodes.OfType<XmlElement>().ToList();
            if (bodyElements.Count != 1 || bodyElements[0].LocalName != "ArtifactResponse" || bodyElements[0].NamespaceURI != SamlXml.ProtocolNs)
            {
                throw new SamlRejection(SamlFailure.Malformed, "the SOAP Body does not hold exactly one samlp:ArtifactResponse");
            }

            var artifactResponse = SamlSignature.Verify(bodyElements[0], expected.IssuerSigningCertificates, "ArtifactResponse");
            RequireIssuer(artifactResponse, expected, "ArtifactResponse");
            if (expected.ArtifactResolveId is not null && SamlXml.Attribute(artifactResponse, "InResponseTo") != expected.ArtifactResolveId)
            {
                throw new SamlRejection(
                    SamlFailure.InResponseTo,
                    $"the ArtifactResponse answers '{SamlXml.ForLog(SamlXml.Attribute(artifactResponse, "InResponseTo"))}', not our ArtifactResolve");
            }

            RequireSuccess(artifactResponse, "ArtifactResponse");

            var responses = SamlXml.Children(artifactResponse, SamlXml.ProtocolNs, "Response").ToList();
            if (responses.Count != 1)
            {
                throw new SamlRejection(
                    responses.Count == 0 ? SamlFailure.Malformed : SamlFailure.Wrapping,
                    $"the ArtifactResponse holds {responses.Count} samlp:Response elements instead of one");
            }

            return ValidateResponse(responses[0], expected);
        }
        catch (SamlRejection rejection)
        {
            return new SamlValidation(rejection.Failure, rejection.Message, null);
        }
    }

    /// <summary>Validates a base64 samlp:Response received by the HTTP-POST binding (SAMLResponse form field).</summary>
    public SamlValidation ValidatePostResponse(string base64SamlResponse, SamlExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(base64SamlResponse);
        CheckConfiguration(expected);
        try
        {
            // Base64 grows by 4/3 plus line breaks; anything longer than twice the limit cannot fit once decoded.
            if (base64SamlResponse.Length > 2 * MaxMessageBytes)
            {
                throw new SamlRejection(SamlFailure.TooLarge, $"the SAMLResponse field exceeds {2 * MaxMessageBytes} characters");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64SamlResponse);
            }
            catch (FormatException)
            {
                throw new SamlRejection(SamlFailure.Malformed, "the SAMLResponse field is not valid base64");
            }

            if (bytes.Length > MaxMessageBytes)
            {
                throw new SamlRejection(SamlFailure.TooLarge, $"the decoded SAMLResponse exceeds {MaxMessageBytes} bytes");
            }

            string xml;
            try
            {
                xml = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                throw new SamlRejection(SamlFailure.Malformed, "the decoded SAMLResponse is not UTF-8");
            }

            var document = SamlXml.Parse(xml);
            SamlXml.RequireUniqueIds(document);
            var response = document.DocumentElement!;
            if (response.LocalName != "Response" || response.NamespaceURI != SamlXml.ProtocolNs)
            {
                throw new SamlRejection(SamlFailure.Malformed, $"the root element is {SamlXml.ForLog(response.Name)}, not samlp:Response");
            }

            return ValidateResponse(response, expected);
        }
        catch (SamlRejection rejection)
        {
            return new SamlValidation(rejection.Failure, rejection.Message, null);
        }
    }

    private SamlValidation ValidateResponse(XmlElement response, SamlExpectations expected)
    {
        // Cryptography first: every later check reads the verified copies only.
        var verifiedResponse = SamlSignature.IsSigned(response)
            ? SamlSignature.Verify(response, expected.IssuerSigningCertificates, "Response")
            : response;

        // An error status carries no assertion and grants nothing, so it may be reported before the assertion checks.
        RequireSuccess(verifiedResponse, "Response");

        var assertion = DirectAssertion(verifiedResponse);
        if (!SamlSignature.IsSigned(assertion))
        {
            // An unsigned direct assertion next to another assertion somewhere deeper is the shape of a wrapping
            // attack (the signed original moved into Extensions, Advice, ...); the deep search only names the failure.
            var elsewhere = verifiedResponse.GetElementsByTagName("Assertion", SamlXml.AssertionNs).Count > 1;
            throw new SamlRejection(
                elsewhere ? SamlFailure.Wrapping : SamlFailure.Unsigned,
                elsewhere
                    ? "the direct Assertion is unsigned while another Assertion is nested in the Response"
                    : "the Assertion is not signed");
        }

        var verifiedAssertion = SamlSignature.Verify(assertion, expected.IssuerSigningCertificates, "Assertion");
        return CheckAssertion(verifiedResponse, verifiedAssertion, expected);
    }

    private static XmlElement DirectAssertion(XmlElement response)
    {
        // Only /samlp:Response/saml:Assertion counts; assertions nested in saml:Advice belong to other parties.
        var assertions = SamlXml.Children(response, SamlXml.AssertionNs, "Assertion").ToList();
        if (assertions.Count > 1)
        {
            throw new SamlRejection(SamlFailure.Wrapping, $"the Response has {assertions.Count} direct Assertion elements");
        }

        if (assertions.Count == 1)
        {
            return assertions[0];
        }

        if (SamlXml.Children(response, SamlXml.AssertionNs, "EncryptedAssertion").Any())
        {
            throw new SamlRejection(SamlFailure.Malformed, "EncryptedAssertion is not supported; the eHerkenning profile encrypts identifiers only");
        }

        throw new SamlRejection(
            response.GetElementsByTagName("Assertion", SamlXml.AssertionNs).Count > 0 ? SamlFailure.Wrapping : SamlFailure.Malformed,
            "the Response has no direct Assertion");
    }

    private SamlValidation CheckAssertion(XmlElement response, XmlElement assertion, SamlExpectations expected)
    {
        var now = time.GetUtcNow();
        var skew = expected.ClockSkew;

        RequireIssuer(response, expected, "Response");
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

        RequireIssuer(assertion, expected, "Assertion");
        var assertionId = SamlXml.Attribute(assertion, "ID")!;

        var conditions = SamlXml.Required(assertion, SamlXml.AssertionNs, "Conditions");
        var conditionsEnd = CheckWindow(conditions, now, skew, "Conditions");
        CheckAudience(conditions, expected);

        var subject = SamlXml.Required(assertion, SamlXml.AssertionNs, "Subject");
        var subjectEnd = CheckSubjectConfirmation(subject, inResponseTo, expected, now, skew);
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

        var attributes = ReadAttributes(assertion);
        var serviceId = SingleValue(attributes, ServiceIdAttribute);
        if (expected.ServiceId is not null && serviceId is not null && serviceId != expected.ServiceId)
        {
            throw new SamlRejection(SamlFailure.ServiceMismatch, $"the ServiceID is '{SamlXml.ForLog(serviceId)}', not '{expected.ServiceId}'");
        }

        var serviceUuid = SingleValue(attributes, ServiceUuidAttribute);
        if (expected.ServiceUuid is not null && serviceUuid is not null
            && !string.Equals(serviceUuid, expected.ServiceUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new SamlRejection(SamlFailure.ServiceMismatch, $"the ServiceUUID is '{SamlXml.ForLog(serviceUuid)}', not '{expected.ServiceUuid}'");
        }

        // The encrypted LegalSubjectID/ActingSubjectID win over the plain attributes: they are the profile's form,
        // encrypted to our key alone; the plain ones are what brokers send besides (or instead) today.
        string? kvk = null;
        string? rsin = null;
        if (NameIdValue(attributes, LegalSubjectIdAttribute, expected) is { } legalSubject)
        {
            var qualifier = SamlXml.Attribute(legalSubject, "NameQualifier");
            var value = SamlXml.Text(legalSubject);
            if (qualifier == KvkQualifier)
            {
                kvk = value;
            }
            else if (qualifier == RsinQualifier)
            {
                rsin = value;
            }
        }

        kvk ??= SingleValue(attributes, KvkQualifier);
        rsin ??= SingleValue(attributes, RsinQualifier);
        var actingSubject = NameIdValue(attributes, ActingSubjectIdAttribute, expected) is { } acting
            ? SamlXml.Text(acting)
            : SingleValue(attributes, PseudoAttribute);

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
            CompanyName: SingleValue(attributes, CompanyNameAttribute),
            BranchNumber: SingleValue(attributes, BranchAttribute),
            ServiceId: serviceId,
            ServiceUuid: serviceUuid,
            NameId: nameId));
    }

    private static void RequireIssuer(XmlElement element, SamlExpectations expected, string what)
    {
        var issuerElement = SamlXml.Optional(element, SamlXml.AssertionNs, "Issuer")
            ?? throw new SamlRejection(SamlFailure.Issuer, $"the {what} has no Issuer");
        var issuer = SamlXml.Text(issuerElement);
        if (issuer != expected.IssuerEntityId)
        {
            throw new SamlRejection(SamlFailure.Issuer, $"the {what} Issuer is '{SamlXml.ForLog(issuer)}', not the expected broker");
        }
    }

    private static void RequireSuccess(XmlElement message, string what)
    {
        var status = SamlXml.Required(message, SamlXml.ProtocolNs, "Status");
        var code = SamlXml.Required(status, SamlXml.ProtocolNs, "StatusCode");
        var value = SamlXml.Attribute(code, "Value");
        if (value == Success)
        {
            return;
        }

        var codes = new List<string?> { value };
        for (var nested = SamlXml.Optional(code, SamlXml.ProtocolNs, "StatusCode"); nested is not null;
             nested = SamlXml.Optional(nested, SamlXml.ProtocolNs, "StatusCode"))
        {
            codes.Add(SamlXml.Attribute(nested, "Value"));
        }

        var statusMessage = SamlXml.Optional(status, SamlXml.ProtocolNs, "StatusMessage")?.InnerText;
        var detail = $"the {what} status is {SamlXml.ForLog(string.Join(" / ", codes))} ({SamlXml.ForLog(statusMessage)})";
        throw new SamlRejection(codes.Contains(AuthnFailed) ? SamlFailure.Cancelled : SamlFailure.Status, detail);
    }

    private static DateTimeOffset? CheckWindow(XmlElement element, DateTimeOffset now, TimeSpan skew, string what)
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

    private static void CheckAudience(XmlElement conditions, SamlExpectations expected)
    {
        // Every AudienceRestriction must name us (SAML core 2.5.1.4).
        var restrictions = SamlXml.Children(conditions, SamlXml.AssertionNs, "AudienceRestriction").ToList();
        if (restrictions.Count == 0)
        {
            throw new SamlRejection(SamlFailure.Audience, "the assertion has no AudienceRestriction");
        }

        foreach (var restriction in restrictions)
        {
            var audiences = SamlXml.Children(restriction, SamlXml.AssertionNs, "Audience").Select(SamlXml.Text).ToList();
            if (!audiences.Contains(expected.SpEntityId, StringComparer.Ordinal))
            {
                throw new SamlRejection(
                    SamlFailure.Audience,
                    $"the assertion is meant for [{SamlXml.ForLog(string.Join(", ", audiences))}], not for us");
            }
        }
    }

    private static DateTimeOffset CheckSubjectConfirmation(
        XmlElement subject, string inResponseTo, SamlExpectations expected, DateTimeOffset now, TimeSpan skew)
    {
        var bearers = SamlXml.Children(subject, SamlXml.AssertionNs, "SubjectConfirmation")
            .Where(c => SamlXml.Attribute(c, "Method") == Bearer)
            .ToList();
        if (bearers.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the Subject has {bearers.Count} bearer SubjectConfirmations instead of one");
        }

        var data = SamlXml.Required(bearers[0], SamlXml.AssertionNs, "SubjectConfirmationData");
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

    private static string ReadNameId(XmlElement subject, SamlExpectations expected)
    {
        if (SamlXml.Optional(subject, SamlXml.AssertionNs, "NameID") is { } plain)
        {
            return SamlXml.Text(plain);
        }

        if (SamlXml.Optional(subject, SamlXml.AssertionNs, "EncryptedID") is { } encrypted)
        {
            return SamlXml.Text(EncryptedIdDecryptor.DecryptNameId(encrypted, expected.DecryptionCertificate));
        }

        throw new SamlRejection(SamlFailure.Malformed, "the Subject has no NameID");
    }

    private static string ReadLevel(XmlElement assertion)
    {
        var statements = SamlXml.Children(assertion, SamlXml.AssertionNs, "AuthnStatement").ToList();
        if (statements.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the assertion has {statements.Count} AuthnStatements instead of one");
        }

        var context = SamlXml.Required(statements[0], SamlXml.AssertionNs, "AuthnContext");
        return SamlXml.Text(SamlXml.Required(context, SamlXml.AssertionNs, "AuthnContextClassRef"));
    }

    private static Dictionary<string, XmlElement> ReadAttributes(XmlElement assertion)
    {
        var attributes = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (var statement in SamlXml.Children(assertion, SamlXml.AssertionNs, "AttributeStatement"))
        {
            foreach (var attribute in SamlXml.Children(statement, SamlXml.AssertionNs, "Attribute"))
            {
                var name = SamlXml.Attribute(attribute, "Name")
                    ?? throw new SamlRejection(SamlFailure.Malformed, "an Attribute has no Name");
                if (KnownAttributes.Contains(name) && !attributes.TryAdd(name, attribute))
                {
                    throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} occurs more than once");
                }
            }
        }

        return attributes;
    }

    private static XmlElement? OnlyValue(Dictionary<string, XmlElement> attributes, string name)
    {
        if (!attributes.TryGetValue(name, out var attribute))
        {
            return null;
        }

        var values = SamlXml.Children(attribute, SamlXml.AssertionNs, "AttributeValue").ToList();
        return values.Count == 1
            ? values[0]
            : throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} has {values.Count} values instead of one");
    }

    private static string? SingleValue(Dictionary<string, XmlElement> attributes, string name) =>
        OnlyValue(attributes, name) is { } value ? SamlXml.Text(value) : null;

    private static XmlElement? NameIdValue(Dictionary<string, XmlElement> attributes, string name, SamlExpectations expected)
    {
        if (OnlyValue(attributes, name) is not { } value)
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
            { LocalName: "EncryptedID", NamespaceURI: SamlXml.AssertionNs } encrypted =>
                EncryptedIdDecryptor.DecryptNameId(encrypted, expected.DecryptionCertificate),
            { LocalName: "NameID", NamespaceURI: SamlXml.AssertionNs } plain => plain,
            _ => throw new SamlRejection(SamlFailure.Malformed, $"the attribute {name} holds {SamlXml.ForLog(children[0].Name)}"),
        };
    }

    private static void CheckConfiguration(SamlExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.IssuerSigningCertificates.Count == 0)
        {
            throw new ArgumentException("At least one issuer signing certificate is required.", nameof(expected));
        }

        if (AssuranceLevel.Rank(expected.MinimumLevel) is null)
        {
            throw new ArgumentException($"'{expected.MinimumLevel}' is not an eHerkenning level.", nameof(expected));
        }

        if (expected.ClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("The clock skew cannot be negative.", nameof(expected));
        }
    }
}
