using System.Xml;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

public sealed class SamlRequestsTests
{
    private const string Sso = "https://broker.example/sso";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheAuthnRequestIsSignedAndVerifiesWithTheStrictVerifier()
    {
        var request = AuthnRequest(SpTestOptions.Create());

        Assert.True(SamlSignature.TryVerify(request, [SpTestOptions.Signing], "AuthnRequest", out _, out var problem), problem);
        Assert.False(SamlSignature.TryVerify(request, [SpTestOptions.Encryption], "AuthnRequest", out _, out _));
    }

    [Fact]
    public void ATamperedAuthnRequestNoLongerVerifies()
    {
        var request = AuthnRequest(SpTestOptions.Create());
        request.SetAttribute("AssertionConsumerServiceURL", "https://attacker.example/acs");

        Assert.False(SamlSignature.TryVerify(request, [SpTestOptions.Signing], "AuthnRequest", out _, out var problem));
        Assert.StartsWith(nameof(SamlFailure.BadSignature), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAuthnRequestCarriesTheAcsTheDestinationAndTheRequestedLevel()
    {
        var request = AuthnRequest(SpTestOptions.Create());

        Assert.Equal(SpTestOptions.AcsUrl, request.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(Sso, request.GetAttribute("Destination"));
        Assert.Equal(SamlVocabulary.ArtifactBinding, request.GetAttribute("ProtocolBinding"));
        Assert.Equal(SpTestOptions.EntityId, request.GetElementsByTagName("Issuer", SamlVocabulary.Assertion)[0]!.InnerText);
        var context = (XmlElement)request.GetElementsByTagName("RequestedAuthnContext", SamlVocabulary.Protocol)[0]!;
        Assert.Equal("minimum", context.GetAttribute("Comparison"));
        Assert.Equal(SamlVocabulary.LevelPrefix + "loa3", context.InnerText);
    }

    [Fact]
    public void NoLevelIsRequestedWhenTheBrokerDoesNotWantOne()
    {
        var request = AuthnRequest(SpTestOptions.Create(requestLevel: false));

        Assert.Equal(0, request.GetElementsByTagName("RequestedAuthnContext", SamlVocabulary.Protocol).Count);
    }

    [Fact]
    public void EachAuthnRequestCarriesItsOwnFreshId()
    {
        var first = AuthnRequest(SpTestOptions.Create());
        var second = AuthnRequest(SpTestOptions.Create());

        Assert.NotEqual(first.GetAttribute("ID"), second.GetAttribute("ID"));
        Assert.Equal(XmlConvert.VerifyNCName(first.GetAttribute("ID")), first.GetAttribute("ID"));
        Assert.Equal(41, first.GetAttribute("ID").Length);
    }

    [Fact]
    public void TheArtifactResolveIsSignedInsideTheSoapBody()
    {
        var document = SamlParser.Parse(SamlRequests.ArtifactResolve(SpTestOptions.Create(), "_resolve-1", Artifact(), "https://broker.example/ars", Now));

        var resolve = (XmlElement)document.GetElementsByTagName("ArtifactResolve", SamlVocabulary.Protocol)[0]!;
        Assert.Equal(SamlVocabulary.Soap, resolve.ParentNode!.ParentNode!.NamespaceURI);
        Assert.True(SamlSignature.TryVerify(resolve, [SpTestOptions.Signing], "ArtifactResolve", out var verified, out var problem), problem);
        Assert.Equal(Artifact(), verified.GetElementsByTagName("Artifact", SamlVocabulary.Protocol)[0]!.InnerText);
    }

    [Fact]
    public void OnlyA44ByteType4ArtifactIsWellFormed()
    {
        var wrongType = new byte[44];
        wrongType[1] = 1;

        Assert.True(SamlRequests.IsWellFormedArtifact(Artifact()));
        Assert.False(SamlRequests.IsWellFormedArtifact(Convert.ToBase64String(wrongType)));
        Assert.False(SamlRequests.IsWellFormedArtifact(Convert.ToBase64String(new byte[40])));
        Assert.False(SamlRequests.IsWellFormedArtifact(null));
    }

    private static XmlElement AuthnRequest(EHerkenningOptions options) =>
        SamlParser.Parse(SamlRequests.AuthnRequest(options, SamlSigner.NewId(), Sso, Now).OuterXml).DocumentElement!;

    private static string Artifact()
    {
        var bytes = new byte[44];
        bytes[1] = 4;
        bytes[43] = 7;
        return Convert.ToBase64String(bytes);
    }
}
