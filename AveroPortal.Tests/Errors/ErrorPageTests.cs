using AveroPortal.Blazor.Errors;
using Bunit;

namespace AveroPortal.Tests.Errors;

public sealed class ErrorPageTests : BunitTest
{
    [Theory]
    [InlineData(404, "Pagina niet gevonden")]
    [InlineData(429, "Te veel pogingen")]
    [InlineData(403, "Geen toegang")]
    [InlineData(400, "Dit verzoek kunnen we niet verwerken")]
    [InlineData(500, "Er ging iets mis")]
    public void NamesTheProblemOfTheStatusCode(int code, string title)
    {
        var cut = Render<ErrorPage>(p => p.Add(c => c.Code, code));

        Assert.Equal(title, cut.Find("h1").TextContent.Trim());
    }

    [Fact]
    public void ShowsTheGenericProblemWithoutACode()
    {
        var cut = Render<ErrorPage>();

        Assert.Equal("Er ging iets mis", cut.Find("h1").TextContent.Trim());
        Assert.Contains("Er is niets gewijzigd", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(404)]
    [InlineData(429)]
    public void OffersTheSupportdeskPhoneNumber(int? code)
    {
        var cut = Render<ErrorPage>(p => p.Add(c => c.Code, code));

        var link = cut.Find("a[href^='tel:']");
        Assert.Equal("tel:+31582977234", link.GetAttribute("href"));
        Assert.Equal("058 297 72 34", link.TextContent.Trim());
    }

    [Fact]
    public void LeadsBackToTheStartPage()
    {
        var cut = Render<ErrorPage>(p => p.Add(c => c.Code, 404));

        Assert.Equal("Terug naar de startpagina", cut.Find("a[href='/']").TextContent.Trim());
    }

    [Fact]
    public void ShowsTheProblemInEnglishWhenTheCustomerChoseEnglish()
    {
        UseCulture("en");

        var cut = Render<ErrorPage>(p => p.Add(c => c.Code, 404));

        Assert.Equal("Page not found", cut.Find("h1").TextContent.Trim());
    }
}
