using System.Security.Cryptography;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Tests.Recovery;

public sealed class RecoveryCodesTests
{
    [Fact]
    public void ASetIsTenDistinctCodesOfTwentyFourCrockfordCharacters()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{24}$", code));
    }

    [Fact]
    public void EachCodeCarriesAtLeast112BitsSoAKeyedHashIsAllowed()
    {
        Assert.Equal(32, RecoveryCodes.Alphabet.Distinct().Count());
        Assert.Equal(RecoveryCodes.EntropyBits, RecoveryCodes.Length * Math.Log2(RecoveryCodes.Alphabet.Length));
        Assert.True(RecoveryCodes.EntropyBits >= 112);
    }

    [Fact]
    public void EveryCharacterOfTheAlphabetTurnsUpAcrossManySets()
    {
        // A generator that skipped part of the alphabet would have less entropy than it claims.
        var seen = Enumerable.Range(0, 50).SelectMany(_ => RecoveryCodes.Generate()).SelectMany(code => code).ToHashSet();

        Assert.Equal(RecoveryCodes.Alphabet.Order(), seen.Order());
    }

    [Fact]
    public void CodesAreShownAsSixGroupsOfFour()
    {
        Assert.Equal("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", RecoveryCodes.Grouped("ABCDEFGHJKMNPQRSTVWXYZ01"));
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")]
    [InlineData("abcd efgh jkmn pqrs tvwx yz01")]
    [InlineData("  abcdefgh-jkmnpqrs -tvwxyz01 ")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZOI")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZol")]
    public void TypedCodesAreNormalisedIgnoringCaseSeparatorsAndLookAlikes(string typed)
    {
        Assert.Equal("ABCDEFGHJKMNPQRSTVWXYZ01", RecoveryCodes.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ012")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")]
    [InlineData("ABCD_EFGH_JKMN_PQRS_TVWX_YZ01")]
    [InlineData("123456")]
    public void AnythingElseIsNotACode(string? typed)
    {
        Assert.Null(RecoveryCodes.Normalize(typed));
    }

    [Fact]
    public void TheStoredHashIsNotTheCodeAndDependsOnTheKey()
    {
        var code = RecoveryCodes.Generate()[0];
        var key = RandomNumberGenerator.GetBytes(32);

        var hash = RecoveryCodeHasher.Hash(key, code);

        Assert.DoesNotContain(code, hash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, RecoveryCodeHasher.Hash(key, code));
        Assert.NotEqual(hash, RecoveryCodeHasher.Hash(RandomNumberGenerator.GetBytes(32), code));
        Assert.NotEqual(hash, RecoveryCodeHasher.Hash(key, RecoveryCodes.Generate()[0]));
    }
}
