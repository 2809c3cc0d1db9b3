using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

// What the response says: assurance level, KVK number and the status codes.
public sealed partial class SamlAttackTests
{
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
}
