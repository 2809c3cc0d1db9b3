using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

// Conditions a response must meet: validity times, audience, destination, recipient, InResponseTo, issuer.
public sealed partial class SamlAttackTests
{
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
}
