using AveroPortal.Blazor.Features.Overview;
using AveroPortal.Core.Customers;
using Bunit;

namespace AveroPortal.Tests.Overview;

public sealed class AdviserCardTests : BunitTest
{
    private static readonly Adviser Adviser = new("Jan de Vries", "058 123 45 67", "jan.devries@adviseur.example");

    [Fact]
    public void ShowsTheAdvisersName()
    {
        var cut = Render<AdviserCard>(p => p.Add(c => c.Adviser, Adviser));

        Assert.Equal("Uw adviseur", cut.Find("h2").TextContent.Trim());
        Assert.Contains(cut.FindAll("dd"), dd => dd.TextContent.Trim() == "Jan de Vries");
    }

    [Fact]
    public void LinksThePhoneNumberWithoutSpaces()
    {
        var cut = Render<AdviserCard>(p => p.Add(c => c.Adviser, Adviser));

        var link = cut.Find("a[href^='tel:']");
        Assert.Equal("tel:0581234567", link.GetAttribute("href"));
        Assert.Equal("058 123 45 67", link.TextContent.Trim());
    }

    [Fact]
    public void LinksTheEmailAddress()
    {
        var cut = Render<AdviserCard>(p => p.Add(c => c.Adviser, Adviser));

        var link = cut.Find("a[href^='mailto:']");
        Assert.Equal("mailto:jan.devries@adviseur.example", link.GetAttribute("href"));
        Assert.Equal("jan.devries@adviseur.example", link.TextContent.Trim());
    }
}
