using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>
/// Forged, tampered and hostile responses, each refused for its own reason. Wrapping attacks use the HTTP-POST
/// binding: inside a signed ArtifactResponse any move breaks the outer signature first (which another test shows).
/// </summary>
public sealed class SamlAttackTests
{
    private static SamlValidation ValidateArtifact(string xml, DateTimeOffset? now = null, SamlExpectations? expected = null) =>
        Validator(now).ValidateArtifactResponse(xml, expected ?? Expectations());

    [Fact]
    public void UnsignedArtifactResponseAndAssertionAreRefused()
    {
        var builder = Builder();
        builder.SignArtifactResponse = false;
        builder.SignAssertion = false;

        Assert.Equal(SamlFailure.Unsigned, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void UnsignedPostResponseAndAssertionAreRefused()
    {
        var builder = PlainBuilder();
        builder.SignAssertion = false;

        Assert.Equal(SamlFailure.Unsigned, ValidatePost(builder.BuildPostResponseXml()).Failure);
    }

    [Fact]
    public void UnsignedAssertionInsideASignedArtifactResponseIsRefused()
    {
        var builder = Builder();
        builder.SignAssertion = false;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.Unsigned, result.Failure);
        Assert.Contains("Assertion", result.Detail);
    }

    [Fact]
    public void SignatureByAnotherKeyIsRefused()
    {
        var builder = Builder(Attacker);
        builder.IncludeKeyInfo = false;

        Assert.Equal(SamlFailure.BadSignature, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ValidSignatureByAKeyThatIsOnlyInKeyInfoIsRefused()
    {
        var xml = PlainBuilder(Attacker).BuildPostResponseXml();

        // The fixture is genuinely valid for anyone who trusts KeyInfo: SignedXml.CheckSignature() accepts it.
        var document = Load(xml);
        var trustingKeyInfo = new SignedXml(document);
        trustingKeyInfo.LoadXml(Select(document, "/samlp:Response/saml:Assertion/ds:Signature"));
        Assert.True(trustingKeyInfo.CheckSignature());

        Assert.Equal(SamlFailure.BadSignature, ValidatePost(xml).Failure);
    }

    [Fact]
    public void AssertionMovedIntoExtensionsBehindAForgedCopyIsRefused()
    {
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        var forged = ForgedCopy(original, "_forged");
        var extensions = document.CreateElement("samlp", "Extensions", SamlpNs);
        Select(document, "/samlp:Response").InsertBefore(extensions, Select(document, "/samlp:Response/samlp:Status"));
        original.ParentNode!.ReplaceChild(forged, original);
        extensions.AppendChild(original);

        var result = ValidatePost(document.OuterXml);

        // The forged copy carries the original signature, whose reference names the original's ID, not the copy's.
        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains("references", result.Detail);
    }

    [Fact]
    public void AssertionMovedIntoTheSignaturesOwnObjectIsRefused()
    {
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        var forged = ForgedCopy(original, "_forged");
        var signature = (XmlElement)forged.GetElementsByTagName("Signature", DsNs)[0]!;
        var dsObject = document.CreateElement("Object", DsNs);
        signature.AppendChild(dsObject);
        original.ParentNode!.ReplaceChild(forged, original);
        dsObject.AppendChild(original);

        // The attacker drops the original's own signature, so the enveloped transform leaves the digest intact.
        original.RemoveChild(original.GetElementsByTagName("Signature", DsNs)[0]!);

        // .NET's own SignedXml resolves '#<original ID>' into the ds:Object and calls this valid: the attack is real.
        var naive = new SignedXml(document);
        naive.LoadXml(signature);
        Assert.True(naive.CheckSignature(Broker.GetRSAPublicKey()!));

        var result = ValidatePost(document.OuterXml);

        // Refused before any digest: SAML signatures never carry ds:Object.
        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains("Object", result.Detail);
    }

    [Fact]
    public void SignedAssertionMovedIntoTheAdviceOfAnUnsignedCopyIsRefused()
    {
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        var forged = ForgedCopy(original, "_forged");
        forged.RemoveChild(forged.GetElementsByTagName("Signature", DsNs)[0]!);
        var advice = document.CreateElement("saml", "Advice", SamlNs);
        forged.InsertAfter(advice, forged.GetElementsByTagName("Conditions", SamlNs)[0]);
        original.ParentNode!.ReplaceChild(forged, original);
        advice.AppendChild(original);

        var result = ValidatePost(document.OuterXml);

        // The direct assertion is unsigned; with a signed one hidden deeper this is named Wrapping, not just Unsigned.
        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains("unsigned", result.Detail);
    }

    [Fact]
    public void SecondDirectAssertionIsRefused()
    {
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        original.ParentNode!.AppendChild(ForgedCopy(original, "_second"));

        var result = ValidatePost(document.OuterXml);

        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains("2 direct Assertion", result.Detail);
    }

    [Fact]
    public void DuplicateIdsAreRefused()
    {
        // A forged copy that keeps the signed ID, so a lookup by ID could land on either element.
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        var extensions = document.CreateElement("samlp", "Extensions", SamlpNs);
        Select(document, "/samlp:Response").InsertBefore(extensions, Select(document, "/samlp:Response/samlp:Status"));
        extensions.AppendChild(ForgedCopy(original, original.GetAttribute("ID")));

        var result = ValidatePost(document.OuterXml);

        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains("more than once", result.Detail);
    }

    [Fact]
    public void LowercaseIdLookAlikeOfTheSignedIdIsRefused()
    {
        var document = Load(PlainBuilder().BuildPostResponseXml());
        var original = Select(document, "/samlp:Response/saml:Assertion");
        var extensions = document.CreateElement("samlp", "Extensions", SamlpNs);
        Select(document, "/samlp:Response").InsertBefore(extensions, Select(document, "/samlp:Response/samlp:Status"));
        var lookAlike = document.CreateElement("evil", "Thing", "urn:example:evil");
        lookAlike.SetAttribute("id", original.GetAttribute("ID"));
        extensions.AppendChild(lookAlike);

        Assert.Equal(SamlFailure.Wrapping, ValidatePost(document.OuterXml).Failure);
    }

    [Fact]
    public void AssertionSignatureThatReferencesAnotherElementIsRefused()
    {
        // A valid broker signature over the Response, moved into the unsigned Assertion.
        var builder = PlainBuilder();
        builder.SignResponse = true;
        builder.SignAssertion = false;
        var document = Load(builder.BuildPostResponseXml());
        var signature = Select(document, "/samlp:Response/ds:Signature");
        var assertion = Select(document, "/samlp:Response/saml:Assertion");
        signature.ParentNode!.RemoveChild(signature);
        assertion.InsertAfter(signature, Select(document, "/samlp:Response/saml:Assertion/saml:Issuer"));

        var result = ValidatePost(document.OuterXml);

        // Wrapping rather than BadSignature: the reference is refused before any digest is computed.
        Assert.Equal(SamlFailure.Wrapping, result.Failure);
        Assert.Contains($"instead of '#{builder.AssertionId}'", result.Detail);
    }

    [Fact]
    public void AnyChangeInsideASignedArtifactResponseBreaksItsSignature()
    {
        var xml = Builder().BuildArtifactResponse();
        var tampered = xml.Replace(AcsUrl, AcsUrl + "/evil", StringComparison.Ordinal);
        Assert.NotEqual(xml, tampered);

        Assert.Equal(SamlFailure.BadSignature, ValidateArtifact(tampered).Failure);
    }

    [Fact]
    public void CommentInsideTheKvkNumberIsNotReadAsATruncatedNumber()
    {
        var builder = Builder();
        builder.IncludeEncryptedIds = false;
        builder.IncludePlainAttributes = true;
        var xml = builder.BuildArtifactResponse();
        var injected = xml.Replace(">24444001<", ">244<!---->44001<", StringComparison.Ordinal);
        Assert.NotEqual(xml, injected);

        var result = ValidateArtifact(injected);

        // exc-c14n without comments ignores the comment, so both signatures still verify; the value is read whole
        // or not at all, and a comment inside a value is refused.
        Assert.Equal(SamlFailure.Malformed, result.Failure);
        Assert.Contains("comment", result.Detail);
        Assert.Null(result.Identity);
    }

    [Fact]
    public void DtdWithAnExternalEntityIsRefusedInTheArtifactBinding()
    {
        var xml = Builder().BuildArtifactResponse().Replace(
            "?>",
            "?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            StringComparison.Ordinal);

        Assert.Equal(SamlFailure.Dtd, ValidateArtifact(xml).Failure);
    }

    [Fact]
    public void DtdWithAnEntityExpansionIsRefusedInThePostBinding()
    {
        var xml = PlainBuilder().BuildPostResponseXml().Replace(
            "?>",
            "?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
            StringComparison.Ordinal);

        Assert.Equal(SamlFailure.Dtd, ValidatePost(xml).Failure);
    }

    [Fact]
    public void ExpiredAssertionIsRefused()
    {
        var builder = Builder();
        builder.NotOnOrAfter = Now.AddSeconds(-31);

        Assert.Equal(SamlFailure.Expired, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ExpiredSubjectConfirmationIsRefusedWhileTheConditionsStillHold()
    {
        var builder = Builder();
        builder.SubjectNotOnOrAfter = Now.AddSeconds(-31);

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.Expired, result.Failure);
        Assert.Contains("SubjectConfirmationData", result.Detail);
    }

    [Fact]
    public void AssertionThatIsNotYetValidIsRefused()
    {
        var builder = Builder();
        builder.NotBefore = Now.AddSeconds(31);

        Assert.Equal(SamlFailure.NotYetValid, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void AssertionForAnotherAudienceIsRefused()
    {
        var builder = Builder();
        builder.Audience = "urn:etoegang:DV:00000009999999990000:entities:0001";

        Assert.Equal(SamlFailure.Audience, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ResponseForAnotherDestinationIsRefused()
    {
        var builder = Builder();
        builder.Destination = "https://evil.example/acs";
        builder.Recipient = AcsUrl;

        Assert.Equal(SamlFailure.Destination, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void SubjectConfirmationForAnotherRecipientIsRefused()
    {
        var builder = Builder();
        builder.Recipient = "https://evil.example/acs";

        Assert.Equal(SamlFailure.Recipient, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void SubjectConfirmationAnsweringAnotherRequestThanTheResponseIsRefused()
    {
        var builder = Builder();
        builder.SubjectConfirmationInResponseTo = "_another-authn-request";

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.InResponseTo, result.Failure);
        Assert.Contains("SubjectConfirmationData", result.Detail);
    }

    [Fact]
    public void ArtifactResponseAnsweringAnotherArtifactResolveIsRefused()
    {
        var builder = Builder();
        builder.ArtifactResolveId = "_another-resolve";

        Assert.Equal(SamlFailure.InResponseTo, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ResponseFromAnotherIssuerIsRefused()
    {
        var builder = Builder();
        builder.Issuer = "urn:etoegang:HM:00000009999999990000:entities:1";

        Assert.Equal(SamlFailure.Issuer, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Theory]
    [InlineData("urn:etoegang:core:assurance-class:loa2")]
    [InlineData("urn:etoegang:core:assurance-class:loa2plus")]
    public void LevelBelowTheRequiredLoa3IsRefused(string level)
    {
        var builder = Builder();
        builder.Level = level;

        Assert.Equal(SamlFailure.LevelTooLow, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void LevelThatIsNoEHerkenningAssuranceClassIsRefused()
    {
        var builder = Builder();
        builder.Level = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

        Assert.Equal(SamlFailure.LevelTooLow, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void ResponseWithoutAKvkNumberIsRefused()
    {
        var builder = Builder();
        builder.KvkNumber = null;
        builder.Rsin = "819935177";

        Assert.Equal(SamlFailure.KvkMissing, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Theory]
    [InlineData("2444400")]
    [InlineData("244440011")]
    [InlineData("2444400A")]
    [InlineData("２４４４４００１")]
    [InlineData("")]
    public void KvkNumberThatIsNotEightAsciiDigitsIsRefused(string kvk)
    {
        var builder = Builder();
        builder.KvkNumber = kvk;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.KvkMissing, result.Failure);
        Assert.Contains("not 8 digits", result.Detail);
    }

    [Fact]
    public void SamlResponseFieldThatIsNotBase64IsRefused()
    {
        var result = Validator().ValidatePostResponse("PHNhbWxwOlJlc3BvbnNl!!!not-base64", Expectations());

        Assert.Equal(SamlFailure.Malformed, result.Failure);
    }

    [Fact]
    public void SoapEnvelopeThatIsNotWellFormedXmlIsRefused()
    {
        var xml = Builder().BuildArtifactResponse();

        var result = ValidateArtifact(xml[..(xml.Length / 2)]);

        Assert.Equal(SamlFailure.Malformed, result.Failure);
    }

    [Fact]
    public void SoapMessageOverOneMegabyteIsRefusedBeforeParsing()
    {
        // Not even XML: the size is checked first.
        var result = ValidateArtifact(new string('<', SamlResponseValidator.MaxMessageBytes + 1));

        Assert.Equal(SamlFailure.TooLarge, result.Failure);
    }

    [Fact]
    public void PostMessageOverOneMegabyteIsRefused()
    {
        var xml = PlainBuilder().BuildPostResponseXml().Replace("?>", "?>" + new string(' ', SamlResponseValidator.MaxMessageBytes), StringComparison.Ordinal);

        var result = ValidatePost(xml);

        Assert.Equal(SamlFailure.TooLarge, result.Failure);
    }

    [Fact]
    public void RsaSha1SignatureIsRefusedAsWeak()
    {
        var builder = Builder();
        builder.SignatureAlgorithm = SignedXml.XmlDsigRSASHA1Url;
        builder.DigestAlgorithm = SignedXml.XmlDsigSHA1Url;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("rsa-sha1", result.Detail);
    }

    [Fact]
    public void Sha1DigestUnderAnRsaSha256SignatureIsRefusedAsWeak()
    {
        var builder = Builder();
        builder.DigestAlgorithm = SignedXml.XmlDsigSHA1Url;

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("digest", result.Detail);
    }

    [Fact]
    public void BrokerCertificateWithAKeyUnder2048BitsIsNotTrusted()
    {
        using var rsa = RSA.Create(1024);
        var request = new CertificateRequest("CN=Weak broker", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var weak = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        var xml = Builder(weak).BuildArtifactResponse();

        var result = ValidateArtifact(xml, expected: Expectations() with { IssuerSigningCertificates = [weak] });

        Assert.Equal(SamlFailure.WeakAlgorithm, result.Failure);
        Assert.Contains("1024", result.Detail);
    }

    [Fact]
    public void AuthnFailedStatusMeansTheUserCancelled()
    {
        var builder = Builder();
        builder.StatusCode = SamlVocabulary.ResponderStatus;
        builder.SecondLevelStatusCode = SamlVocabulary.AuthnFailedStatus;

        Assert.Equal(SamlFailure.Cancelled, ValidateArtifact(builder.BuildArtifactResponse()).Failure);
    }

    [Fact]
    public void OtherErrorStatusIsRefusedAsStatus()
    {
        var builder = Builder();
        builder.StatusCode = SamlVocabulary.ResponderStatus;
        builder.SecondLevelStatusCode = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied";

        var result = ValidateArtifact(builder.BuildArtifactResponse());

        Assert.Equal(SamlFailure.Status, result.Failure);
        Assert.Contains("RequestDenied", result.Detail);
    }

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
