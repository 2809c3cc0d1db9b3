using AveroPortal.Blazor.Features.Overview;
using AveroPortal.Core.Policies;
using Bunit;

namespace AveroPortal.Tests.Overview;

public sealed class PolicyListTests : BunitTest
{
    private static readonly Policy Car = new(1, "AP-2021-018230", "Autoverzekering", PolicyStatuses.Suspended, "2021-09-15");
    private static readonly Policy Home = new(2, "AP-2019-004711", "Woonhuisverzekering", PolicyStatuses.Active, "2019-05-01");
    private static readonly Policy Liability = new(3, "AP-2016-000954", "Aansprakelijkheidsverzekering particulieren", PolicyStatuses.Ended, "2016-01-01");

    private IRenderedComponent<PolicyList> RenderList(IReadOnlyList<Policy> policies, bool business = false) =>
        Render<PolicyList>(p => p.Add(c => c.Policies, policies).Add(c => c.Business, business));

    [Fact]
    public void ShowsEachPolicyAsACardWithNumberProductStatusAndStartDate()
    {
        var cut = RenderList([Home, Car]);

        var cards = cut.FindAll("li[data-testid=policy]");
        Assert.Equal(2, cards.Count);
        Assert.Equal("Woonhuisverzekering", cards[0].QuerySelector("h3")!.TextContent.Trim());
        var fields = cards[0].QuerySelectorAll("dt").Zip(cards[0].QuerySelectorAll("dd"), (dt, dd) => (dt.TextContent.Trim(), dd.TextContent.Trim()));
        Assert.Equal([("Polisnummer", "AP-2019-004711"), ("Status", "Actief"), ("Ingangsdatum", "1 mei 2019")], fields);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void ShowsEveryStatusByItsDutchWord()
    {
        var cut = RenderList([Home, Car, Liability]);

        Assert.Equal(["Actief", "Geschorst", "Beëindigd"], cut.FindAll(".policy-status").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public void ShowsEveryStatusByItsEnglishWordInEnglish()
    {
        UseCulture("en-GB");

        var cut = RenderList([Home, Car, Liability]);

        Assert.Equal(["Active", "Suspended", "Ended"], cut.FindAll(".policy-status").Select(s => s.TextContent.Trim()));
        Assert.Equal("Your insurance policies", cut.Find("h2").TextContent.Trim());
    }

    [Fact]
    public void SaysSoWhenThereAreNoPolicies()
    {
        var cut = RenderList([]);

        Assert.Empty(cut.FindAll("[data-testid=policies]"));
        Assert.StartsWith("Er staan geen verzekeringen op uw naam.", cut.Find("[data-testid=policies-empty]").TextContent.Trim());
    }

    [Fact]
    public void NamesTheCompanysPoliciesOnTheBusinessPortal()
    {
        var cut = RenderList([], business: true);

        Assert.Equal("Verzekeringen van uw bedrijf", cut.Find("h2").TextContent.Trim());
        Assert.StartsWith("Er staan geen verzekeringen op naam van uw bedrijf.", cut.Find("[data-testid=policies-empty]").TextContent.Trim());
    }
}
