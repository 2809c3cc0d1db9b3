using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class PasswordRulesTests
{
    private readonly PasswordRules _rules = new();

    private static string OfLength(int length) => string.Concat(Enumerable.Repeat("kwmzrtvb", 20))[..length];

    [Fact]
    public void SevenCharactersAreTooShort()
    {
        Assert.Equal(PasswordProblem.TooShort, _rules.Check(OfLength(7), null));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public void LengthFromEightTo128IsAllowed(int length)
    {
        Assert.Equal(PasswordProblem.None, _rules.Check(OfLength(length), null));
    }

    [Fact]
    public void Over128CharactersIsTooLong()
    {
        Assert.Equal(PasswordProblem.TooLong, _rules.Check(OfLength(129), null));
    }

    [Fact]
    public void LengthCountsCharactersNotUtf16Units()
    {
        // Seven emoji are fourteen UTF-16 units but seven characters.
        Assert.Equal(PasswordProblem.TooShort, _rules.Check(string.Concat(Enumerable.Repeat("🐎", 7)), null));
        Assert.Equal(PasswordProblem.None, _rules.Check(string.Concat(Enumerable.Repeat("🐎", 8)), null));
    }

    [Theory]
    [InlineData("password1")]
    [InlineData("PaSsWoRd1")]
    [InlineData("iloveyou1")]
    [InlineData("ILOVEYOU1")]
    [InlineData("Sunshine1")]
    [InlineData("welkom01")]
    public void CommonPasswordIsRefusedWhateverItsCase(string password)
    {
        Assert.Equal(PasswordProblem.Common, _rules.Check(password, null));
    }

    [Theory]
    [InlineData("Jan.DeVries@Example.com")]
    [InlineData("jan.devries@example.com")]
    [InlineData("jan.devries")]
    public void EmailAddressOrItsLocalPartIsRefused(string password)
    {
        Assert.Equal(PasswordProblem.SameAsEmail, _rules.Check(password, " jan.devries@example.com "));
    }

    [Fact]
    public void CommonPasswordListHasAtLeastTenThousandEntries()
    {
        Assert.True(PasswordRules.CommonPasswordCount >= 10_000, $"{PasswordRules.CommonPasswordCount} entries");
    }

    [Fact]
    public void LongLowercasePassphrasePassesWithoutCompositionRules()
    {
        Assert.Equal(PasswordProblem.None, _rules.Check("paarden eten graag verse wortels", "jan.devries@example.com"));
    }
}
