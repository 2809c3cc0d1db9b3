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

            var document = SamlParser.Parse(soapEnvelopeXml);
            SamlXml.RequireUniqueIds(document);

            var envelope = document.DocumentElement!;
            if (envelope.LocalName != "Envelope" || envelope.NamespaceURI != SamlVocabulary.Soap)
            {
                throw new SamlRejection(SamlFailure.Malformed, $"the root element is {SamlXml.ForLog(envelope.Name)}, not soap:Envelope");
            }

            var body = SamlXml.Required(envelope, SamlVocabulary.Soap, "Body");
            var bodyElements = body.ChildNodes.OfType<XmlElement>().ToList();
            if (bodyElements.Count != 1 || bodyElements[0].LocalName != "ArtifactResponse" || bodyElements[0].NamespaceURI != SamlVocabulary.Protocol)
            {
                throw new SamlRejection(SamlFailure.Malformed, "the SOAP Body does not hold exactly one samlp:ArtifactResponse");
            }

            var artifactResponse = SamlSignature.Verify(bodyElements[0], expected.IssuerSigningCertificates, "ArtifactResponse");
            SamlMessageChecks.RequireIssuer(artifactResponse, expected, "ArtifactResponse");
            if (expected.ArtifactResolveId is not null && SamlXml.Attribute(artifactResponse, "InResponseTo") != expected.ArtifactResolveId)
            {
                throw new SamlRejection(
                    SamlFailure.InResponseTo,
                    $"the ArtifactResponse answers '{SamlXml.ForLog(SamlXml.Attribute(artifactResponse, "InResponseTo"))}', not our ArtifactResolve");
            }

            SamlMessageChecks.RequireSuccess(artifactResponse, "ArtifactResponse");

            var responses = SamlXml.Children(artifactResponse, SamlVocabulary.Protocol, "Response").ToList();
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

            var document = SamlParser.Parse(xml);
            SamlXml.RequireUniqueIds(document);
            var response = document.DocumentElement!;
            if (response.LocalName != "Response" || response.NamespaceURI != SamlVocabulary.Protocol)
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
        SamlMessageChecks.RequireSuccess(verifiedResponse, "Response");

        var assertion = DirectAssertion(verifiedResponse);
        if (!SamlSignature.IsSigned(assertion))
        {
            // An unsigned direct assertion next to another assertion somewhere deeper is the shape of a wrapping
            // attack (the signed original moved into Extensions, Advice, ...); the deep search only names the failure.
            var elsewhere = verifiedResponse.GetElementsByTagName("Assertion", SamlVocabulary.Assertion).Count > 1;
            throw new SamlRejection(
                elsewhere ? SamlFailure.Wrapping : SamlFailure.Unsigned,
                elsewhere
                    ? "the direct Assertion is unsigned while another Assertion is nested in the Response"
                    : "the Assertion is not signed");
        }

        var verifiedAssertion = SamlSignature.Verify(assertion, expected.IssuerSigningCertificates, "Assertion");
        return SamlAssertionCheck.Check(verifiedResponse, verifiedAssertion, expected, time.GetUtcNow());
    }

    private static XmlElement DirectAssertion(XmlElement response)
    {
        // Only /samlp:Response/saml:Assertion counts; assertions nested in saml:Advice belong to other parties.
        var assertions = SamlXml.Children(response, SamlVocabulary.Assertion, "Assertion").ToList();
        if (assertions.Count > 1)
        {
            throw new SamlRejection(SamlFailure.Wrapping, $"the Response has {assertions.Count} direct Assertion elements");
        }

        if (assertions.Count == 1)
        {
            return assertions[0];
        }

        if (SamlXml.Children(response, SamlVocabulary.Assertion, "EncryptedAssertion").Any())
        {
            throw new SamlRejection(SamlFailure.Malformed, "EncryptedAssertion is not supported; the eHerkenning profile encrypts identifiers only");
        }

        throw new SamlRejection(
            response.GetElementsByTagName("Assertion", SamlVocabulary.Assertion).Count > 0 ? SamlFailure.Wrapping : SamlFailure.Malformed,
            "the Response has no direct Assertion");
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
