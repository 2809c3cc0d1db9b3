using AveroPortal.Blazor.Formatting;

namespace AveroPortal.Tests.Formatting;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData("U bent ingelogd voor Bakkerij De Korenbloem B.V..", "U bent ingelogd voor Bakkerij De Korenbloem B.V.")]
    [InlineData("U bent ingelogd voor Bakkerij De Korenbloem.", "U bent ingelogd voor Bakkerij De Korenbloem.")]
    [InlineData("Wacht even...", "Wacht even...")]
    public void ACompanyNameEndingInAFullStopGetsNoSecondOne(string text, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Sentence(text));
    }
}
