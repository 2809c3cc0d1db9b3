using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class LoginInputTests
{
    private const string Domain = "@example.nl";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyEmailIsMissing(string? email)
    {
        Assert.Equal(InputProblem.Missing, LoginInput.CheckEmail(email));
    }

    [Theory]
    [InlineData("jan@example.nl")]
    [InlineData("  Jan.de.Vries@Sub.Example.nl  ")]
    [InlineData("j+portal@a.b")]
    public void OrdinaryAddressesAreAccepted(string email)
    {
        Assert.Equal(InputProblem.None, LoginInput.CheckEmail(email));
    }

    [Fact]
    public void AddressOfMaximumLengthIsAccepted()
    {
        var email = new string('a', LoginInput.MaxEmailLength - Domain.Length) + Domain;

        Assert.Equal(InputProblem.None, LoginInput.CheckEmail(email));
    }

    [Fact]
    public void AddressOneCharacterOverTheMaximumIsTooLong()
    {
        var email = new string('a', LoginInput.MaxEmailLength - Domain.Length + 1) + Domain;

        Assert.Equal(InputProblem.TooLong, LoginInput.CheckEmail(email));
    }

    [Fact]
    public void SurroundingWhiteSpaceDoesNotCountTowardsTheMaximum()
    {
        var email = "  " + new string('a', LoginInput.MaxEmailLength - Domain.Length) + Domain + "  ";

        Assert.Equal(InputProblem.None, LoginInput.CheckEmail(email));
    }

    [Theory]
    [InlineData("jan\u0000@example.nl")]
    [InlineData("jan@example.nl\nBcc: iemand@example.nl")]
    [InlineData("jan\t@example.nl")]
    [InlineData("jan\u2028@example.nl")]
    [InlineData("\uFEFFjan@example.nl")]
    public void ControlCharactersInAnAddressAreRefused(string email)
    {
        Assert.Equal(InputProblem.ControlCharacters, LoginInput.CheckEmail(email));
    }

    [Theory]
    [InlineData("janexample.nl")]
    [InlineData("@example.nl")]
    [InlineData("jan@@example.nl")]
    [InlineData("jan@piet@example.nl")]
    [InlineData("jan@example")]
    [InlineData("jan@.example.nl")]
    [InlineData("jan@example.nl.")]
    [InlineData("jan de vries@example.nl")]
    [InlineData("jan@ab")]
    public void MalformedAddressesAreInvalid(string email)
    {
        Assert.Equal(InputProblem.InvalidEmail, LoginInput.CheckEmail(email));
    }

    [Fact]
    public void NormalizedAddressIsTrimmedAndLowerCase()
    {
        Assert.Equal("jan.de.vries@example.nl", LoginInput.NormalizeEmail("  Jan.De.Vries@EXAMPLE.nl "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void EmptyPasswordIsMissing(string? password)
    {
        Assert.Equal(InputProblem.Missing, LoginInput.CheckPassword(password));
    }

    [Theory]
    [InlineData("kort")]
    [InlineData("   ")]
    [InlineData("een zin met spaties en €-tekens")]
    public void AnyPrintablePasswordPassesTheInputCheck(string password)
    {
        // Length and strength rules belong to PasswordRules; this check only keeps garbage out.
        Assert.Equal(InputProblem.None, LoginInput.CheckPassword(password));
    }

    [Fact]
    public void PasswordOfTwiceTheRuleMaximumIsAccepted()
    {
        Assert.Equal(InputProblem.None, LoginInput.CheckPassword(new string('x', PasswordRules.MaxLength * 2)));
    }

    [Fact]
    public void PasswordLongerThanTwiceTheRuleMaximumIsTooLong()
    {
        Assert.Equal(InputProblem.TooLong, LoginInput.CheckPassword(new string('x', PasswordRules.MaxLength * 2 + 1)));
    }

    [Theory]
    [InlineData("geheim\u0000wachtwoord")]
    [InlineData("geheim\r\nwachtwoord")]
    [InlineData("geheim\u2029")]
    public void ControlCharactersInAPasswordAreRefused(string password)
    {
        Assert.Equal(InputProblem.ControlCharacters, LoginInput.CheckPassword(password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyCodeIsMissing(string? code)
    {
        Assert.Equal(InputProblem.Missing, LoginInput.CheckCode(code));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("123 456")]
    [InlineData("123-456")]
    [InlineData(" 123456 ")]
    public void SixDigitsWithOptionalSeparatorsAreACode(string code)
    {
        Assert.Equal(InputProblem.None, LoginInput.CheckCode(code));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    [InlineData("123456789012345678901")]
    public void WrongShapedCodesAreInvalid(string code)
    {
        Assert.Equal(InputProblem.InvalidCode, LoginInput.CheckCode(code));
    }

    [Fact]
    public void ControlCharactersInACodeAreRefused()
    {
        Assert.Equal(InputProblem.ControlCharacters, LoginInput.CheckCode("123\u0000456"));
    }
}
