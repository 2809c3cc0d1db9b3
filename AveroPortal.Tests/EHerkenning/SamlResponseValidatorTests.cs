using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The accept paths of both bindings, with responses from the test broker.</summary>
public sealed class SamlResponseValidatorTests
{
    [Fact]
    public void PostResponseWithASignedAssertionIsAccepted()
    {
        var builder = PlainBuilder();
        builder.Rsin = "819935177";
        builder.BranchNumber = "000012345678";
        builder.ServiceId = "urn:etoegang:DV:00000003012345670000:services:1";
        builder.ServiceUuid = "588932b9-28ae-4323-ab6c-fabbddae05cd";

        var result = Validator().ValidatePostResponse(
            builder.BuildPostResponse(),
            Expectations() with { ArtifactResolveId = null, ServiceId = builder.ServiceId, ServiceUuid = "588932B9-28AE-4323-AB6C-FABBDDAE05CD" });

        Assert.True(result.Succeeded, result.Detail);
        var identity = result.Identity!;
        Assert.Equal(BrokerEntityId, identity.Issuer);
        Assert.Equal(AuthnRequestId, identity.InResponseTo);
        Assert.Equal(builder.AssertionId, identity.AssertionId);
        Assert.Equal("24444001", identity.KvkNumber);
        Assert.Equal("819935177", identity.Rsin);
        Assert.Equal(builder.ActingSubjectId, identity.ActingSubjectId);
        Assert.Equal(builder.CompanyName, identity.CompanyName);
        Assert.Equal("000012345678", identity.BranchNumber);
        Assert.Equal(builder.ServiceId, identity.ServiceId);
        Assert.Equal(builder.ServiceUuid, identity.ServiceUuid);
        Assert.Equal("urn:etoegang:core:assurance-class:loa3", identity.Level);
        Assert.Equal(builder.NameId, identity.NameId);
        Assert.Equal(builder.IssueInstant.AddMinutes(2), identity.NotOnOrAfter);
    }

    [Fact]
    public void PostResponseSignedAsWellAsItsAssertionIsAccepted()
    {
        var builder = PlainBuilder();
        builder.SignResponse = true;

        var result = Validator().ValidatePostResponse(builder.BuildPostResponse(), Expectations());

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void TamperedResponseSignatureIsRefusedAlthoughTheAssertionIsIntact()
    {
        var builder = PlainBuilder();
        builder.SignResponse = true;
        var document = Load(builder.BuildPostResponseXml());
        Select(document, "/samlp:Response").SetAttribute("IssueInstant", "2020-01-01T00:00:00Z");

        var result = ValidatePost(document.OuterXml);

        Assert.Equal(SamlFailure.BadSignature, result.Failure);
        Assert.Contains("Response signature", result.Detail);
    }

    [Fact]
    public void SignedPostResponseWithAnUnsignedAssertionIsRefused()
    {
        var builder = PlainBuilder();
        builder.SignResponse = true;
        builder.SignAssertion = false;

        var result = Validator().ValidatePostResponse(builder.BuildPostResponse(), Expectations());

        Assert.Equal(SamlFailure.Unsigned, result.Failure);
    }

    [Fact]
    public void ArtifactResponseFromTheTestBrokerIsAccepted()
    {
        var builder = Builder();

        var result = Validator().ValidateArtifactResponse(builder.BuildArtifactResponse(), Expectations());

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal(AuthnRequestId, result.Identity.InResponseTo);
        Assert.Equal(builder.AssertionId, result.Identity.AssertionId);
    }

    [Fact]
    public void ArtifactResponseWithASignedResponseInsideIsAccepted()
    {
        var builder = Builder();
        builder.SignResponse = true;

        var result = Validator().ValidateArtifactResponse(builder.BuildArtifactResponse(), Expectations());

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void AdviceAssertionsOfOtherPartiesAreIgnoredForTheIdentity()
    {
        var builder = Builder();
        builder.IncludeAdviceAssertion = true;
        var xml = builder.BuildArtifactResponse();
        Assert.Contains("99999999", xml);

        var result = Validator().ValidateArtifactResponse(xml, Expectations());

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
    }

    [Fact]
    public void HigherLevelThanRequiredIsAccepted()
    {
        var builder = Builder();
        builder.Level = "urn:etoegang:core:assurance-class:loa4";

        var result = Validator().ValidateArtifactResponse(builder.BuildArtifactResponse(), Expectations("loa2plus"));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("urn:etoegang:core:assurance-class:loa4", result.Identity!.Level);
    }

    [Fact]
    public void ServiceIdOtherThanConfiguredIsRefused()
    {
        var builder = Builder();
        builder.ServiceId = "urn:etoegang:DV:00000003012345670000:services:2";

        var result = Validator().ValidateArtifactResponse(
            builder.BuildArtifactResponse(),
            Expectations() with { ServiceId = "urn:etoegang:DV:00000003012345670000:services:1" });

        Assert.Equal(SamlFailure.ServiceMismatch, result.Failure);
    }

    [Fact]
    public void ServiceUuidOtherThanConfiguredIsRefused()
    {
        var builder = Builder();
        builder.ServiceUuid = "00000000-0000-0000-0000-000000000001";

        var result = Validator().ValidateArtifactResponse(
            builder.BuildArtifactResponse(),
            Expectations() with { ServiceUuid = "588932b9-28ae-4323-ab6c-fabbddae05cd" });

        Assert.Equal(SamlFailure.ServiceMismatch, result.Failure);
    }

    [Fact]
    public void ConfiguredServiceIdIsNotRequiredWhenTheBrokerSendsNone()
    {
        var result = Validator().ValidateArtifactResponse(
            Builder().BuildArtifactResponse(),
            Expectations() with { ServiceId = "urn:etoegang:DV:00000003012345670000:services:1" });

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void ArtifactResolveIdIsNotCheckedWhenNoneIsExpected()
    {
        var builder = Builder();
        builder.ArtifactResolveId = "_whatever";

        var result = Validator().ValidateArtifactResponse(builder.BuildArtifactResponse(), Expectations() with { ArtifactResolveId = null });

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void UnknownMinimumLevelIsAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() =>
            Validator().ValidateArtifactResponse(Builder().BuildArtifactResponse(), Expectations("substantial")));
    }

    [Fact]
    public void ExpectationsWithoutSigningCertificatesAreAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() =>
            Validator().ValidateArtifactResponse(Builder().BuildArtifactResponse(), Expectations() with { IssuerSigningCertificates = [] }));
    }
}
