using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

public sealed class AssuranceLevelTests
{
    [Fact]
    public void LevelsRankFromEh2ToEh4()
    {
        Assert.True(AssuranceLevel.Rank("loa2") < AssuranceLevel.Rank("loa2plus"));
        Assert.True(AssuranceLevel.Rank("loa2plus") < AssuranceLevel.Rank("loa3"));
        Assert.True(AssuranceLevel.Rank("loa3") < AssuranceLevel.Rank("loa4"));
    }

    [Fact]
    public void TheFullUrnRanksLikeTheShortForm()
    {
        Assert.Equal(AssuranceLevel.Rank("loa3"), AssuranceLevel.Rank(SamlVocabulary.LevelPrefix + "loa3"));
        Assert.NotNull(AssuranceLevel.Rank(SamlVocabulary.LevelPrefix + "loa4"));
    }

    [Theory]
    [InlineData("urn:etoegang:core:assurance-class:loa5")]
    [InlineData("urn:nl:bvn:bankid:1.0:loa3")]
    [InlineData("LOA3")]
    [InlineData("")]
    public void AnUnknownLevelHasNoRank(string level) => Assert.Null(AssuranceLevel.Rank(level));

    [Fact]
    public void AReceivedLevelMustBeTheFullUrn()
    {
        Assert.Null(AssuranceLevel.RankReceived("loa3"));
        Assert.Equal(AssuranceLevel.Rank("loa3"), AssuranceLevel.RankReceived(SamlVocabulary.LevelPrefix + "loa3"));
    }
}
