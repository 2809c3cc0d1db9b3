using AveroPortal.Blazor.Features.Login;
using Bunit;

namespace AveroPortal.Tests.Login;

public sealed class PortalChoiceTests : BunitTest
{
    [Fact]
    public void OffersBothPortals()
    {
        var cut = Render<PortalChoice>();

        var headings = cut.FindAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Mijn Avéro Achmea", "Mijn Avéro Achmea Bedrijven"], headings);
    }

    [Fact]
    public void LinksEachPortalToItsPasswordPage()
    {
        var cut = Render<PortalChoice>();

        Assert.Equal("/inloggen/particulier", cut.Find("[data-testid=method-private-password]").GetAttribute("href"));
        Assert.Equal("/inloggen/zakelijk", cut.Find("[data-testid=method-business-password]").GetAttribute("href"));
    }

    [Fact]
    public void OffersOnlyThePasswordMethodSoNoButtonIsDead()
    {
        var cut = Render<PortalChoice>();

        var methods = cut.FindAll(".method-list a");
        Assert.Equal(2, methods.Count);
        Assert.All(methods, a =>
        {
            Assert.Equal("Inloggen met e-mail en wachtwoord", a.TextContent.Trim());
            Assert.StartsWith("/inloggen/", a.GetAttribute("href"), StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void PassesALocalReturnUrlOnEscaped()
    {
        var cut = Render<PortalChoice>(p => p.Add(c => c.ReturnUrl, "/mijn-overzicht?tab=polis&x=1"));

        const string escaped = "%2Fmijn-overzicht%3Ftab%3Dpolis%26x%3D1";
        Assert.Equal("/inloggen/particulier?ReturnUrl=" + escaped, cut.Find("[data-testid=method-private-password]").GetAttribute("href"));
        Assert.Equal("/inloggen/zakelijk?ReturnUrl=" + escaped, cut.Find("[data-testid=method-business-password]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public void DropsAReturnUrlThatLeavesTheSite(string returnUrl)
    {
        var cut = Render<PortalChoice>(p => p.Add(c => c.ReturnUrl, returnUrl));

        Assert.Equal("/inloggen/particulier", cut.Find("[data-testid=method-private-password]").GetAttribute("href"));
        Assert.Equal("/inloggen/zakelijk", cut.Find("[data-testid=method-business-password]").GetAttribute("href"));
    }
}
