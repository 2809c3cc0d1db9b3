using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

// Wrapping attacks: signed elements moved, copied, duplicated or referenced where they must not count.
public sealed partial class SamlAttackTests
{
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
}
