using AveroPortal.Core.Idin;

namespace AveroPortal.Tests.Idin;

public sealed class IdinNormalizationTests
{
    [Theory]
    [InlineData("Hélène", "helene")]
    [InlineData("Zoë", "zoe")]
    [InlineData("Ruïne", "ruine")]
    [InlineData("Wâldwei", "waldwei")]
    [InlineData("Citroën", "citroen")]
    [InlineData("Ĳsselmeer", "ijsselmeer")]
    [InlineData("  IJsselmeer ", "ijsselmeer")]
    [InlineData("van   der\tBerg", "van der berg")]
    [InlineData("van\u00A0der Berg", "van der berg")]
    [InlineData("Yılmaz", "yilmaz")]
    [InlineData("Sørensen", "sorensen")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void TextIsLowerCaseWithoutDiacriticsAndWithSingleSpaces(string? value, string expected)
    {
        Assert.Equal(expected, IdinNormalization.Text(value));
    }

    [Theory]
    [InlineData("van der", "Berg", "vanderberg")]
    [InlineData(null, "van der Berg", "vanderberg")]
    [InlineData("Van Der", "berg", "vanderberg")]
    [InlineData(null, "Vanderberg", "vanderberg")]
    [InlineData("'t", "Hart", "thart")]
    [InlineData("’t", "Hart", "thart")]
    [InlineData("van 't", "Hof", "vanthof")]
    [InlineData("in ’t", "Veld", "intveld")]
    [InlineData(null, "Jansen-de Vries", "jansendevries")]
    [InlineData("de", "Vries – Jansen", "devriesjansen")]
    [InlineData(null, "St. Jago", "stjago")]
    [InlineData("", "Çelik", "celik")]
    [InlineData(null, null, "")]
    public void LastNameIsOneKeyOfPrefixAndName(string? prefix, string? lastName, string expected)
    {
        Assert.Equal(expected, IdinNormalization.LastName(prefix, lastName));
    }

    [Theory]
    [InlineData("J.M.", "JM")]
    [InlineData("j m", "JM")]
    [InlineData("JM", "JM")]
    [InlineData("A.M. ", "AM")]
    [InlineData("É.", "E")]
    [InlineData("Ĳ.", "IJ")]
    [InlineData("..", "")]
    [InlineData(null, "")]
    public void InitialsAreUpperCaseLettersOnly(string? value, string expected)
    {
        Assert.Equal(expected, IdinNormalization.Initials(value));
    }

    [Theory]
    [InlineData("1234 AB", "1234AB")]
    [InlineData("1234ab", "1234AB")]
    [InlineData(" 1234  Ab ", "1234AB")]
    [InlineData("8911AH", "8911AH")]
    public void DutchPostcodeIsCompactAndUpperCase(string value, string expected)
    {
        Assert.Equal(expected, IdinNormalization.Postcode(value));
    }

    [Theory]
    [InlineData("0123 AB")]
    [InlineData("123 AB")]
    [InlineData("1234 A")]
    [InlineData("1234 ABC")]
    [InlineData("1234-AB")]
    [InlineData("B-1000")]
    [InlineData("")]
    [InlineData(null)]
    public void PostcodeThatIsNotDutchIsNull(string? value)
    {
        Assert.Null(IdinNormalization.Postcode(value));
    }

    [Theory]
    [InlineData("012", "12")]
    [InlineData(" 7 ", "7")]
    [InlineData("12", "12")]
    [InlineData("0", "0")]
    [InlineData("12a", null)]
    [InlineData("-3", null)]
    [InlineData("١٢", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void HouseNumberIsDigitsWithoutLeadingZeros(string? value, string? expected)
    {
        Assert.Equal(expected, IdinNormalization.HouseNumber(value));
    }

    [Theory]
    [InlineData("-a", "A")]
    [InlineData(" A", "A")]
    [InlineData("a", "A")]
    [InlineData("bis", "BIS")]
    [InlineData("2", "2")]
    [InlineData("- 2", "2")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void SuffixIsUpperCaseLettersAndDigits(string? value, string expected)
    {
        Assert.Equal(expected, IdinNormalization.Suffix(value));
    }

    [Theory]
    [InlineData("19750314")]
    [InlineData("1975-03-14")]
    [InlineData(" 19750314 ")]
    public void DateOfBirthReadsIdinAndIsoFormats(string value)
    {
        Assert.Equal(new DateOnly(1975, 3, 14), IdinNormalization.DateOfBirth(value));
    }

    [Theory]
    [InlineData("19750300")]
    [InlineData("19751314")]
    [InlineData("14-03-1975")]
    [InlineData("1975/03/14")]
    [InlineData("")]
    [InlineData(null)]
    public void DateOfBirthThatIsUnknownOrInAnotherFormatIsNull(string? value)
    {
        Assert.Null(IdinNormalization.DateOfBirth(value));
    }
}
