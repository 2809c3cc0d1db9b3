using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Idin;
using Bunit;

namespace AveroPortal.Tests.Idin;

/// <summary>The iDIN mismatch page's comparison: every differing field marked, deciding fields apart from informational ones.</summary>
public sealed class IdinComparisonTableTests : BunitTest
{
    // Avéro: Kerkstraat 5 A, 9711 GB Groningen. The bank knows her new address (as the demo identity "anna").
    private static readonly Customer Anna = new(1, "100002", "A.M.", "Anna", "van den", "Berg", "1988-11-02",
        "Kerkstraat", 5, "A", "9711 GB", "Groningen", "Noorderlicht Verzekeringen", "050 313 22 11", "rick@noorderlicht.example");

    private static IdinBankIdentity Bank(string street = "Herestraat", string city = "GRONINGEN") =>
        new("BIN-ANNA", "AM", "van den", "Berg", null, null, null, "19881102", street, "40", null, "9711LM", city, "NL");

    private IRenderedComponent<IdinComparisonTable> RenderFor(IdinBankIdentity bank) =>
        Render<IdinComparisonTable>(p => p
            .Add(t => t.Bank, bank)
            .Add(t => t.Customer, Anna)
            .Add(t => t.Differences, IdinMatching.Compare(bank, Anna)));

    private static string[] Marked(IRenderedComponent<IdinComparisonTable> cut) =>
        [.. cut.FindAll("tr[data-differs=true]").Select(r => r.GetAttribute("data-field")!)];

    [Fact]
    public void TheMismatchPageMarksEveryDifferingField()
    {
        var cut = RenderFor(Bank(city: "Haren"));

        Assert.Equal(["postcode", "houseNumber", "suffix", "street", "city"], Marked(cut));
        Assert.All(cut.FindAll("tr[data-differs=true]"), row =>
        {
            Assert.Contains("differs", row.ClassList);
            Assert.Contains("Wijkt af", row.TextContent, StringComparison.Ordinal);
        });
        Assert.All(cut.FindAll("tr[data-differs=false]"), row => Assert.Contains("Gelijk", row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TheStreetRowIsMarkedAndSaysItDoesNotCount()
    {
        var cut = RenderFor(Bank());

        var street = cut.Find("tr[data-field=street]");
        Assert.Equal("true", street.GetAttribute("data-differs"));
        Assert.Equal("false", street.GetAttribute("data-decides"));
        Assert.Contains("Wijkt af (telt niet mee)", street.TextContent.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        // Case and spaces do not make a difference: GRONINGEN is Groningen.
        Assert.Equal("false", cut.Find("tr[data-field=city]").GetAttribute("data-differs"));
        Assert.Contains("Gelijk", cut.Find("tr[data-field=city]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ItSaysWhichFieldsDecideAndWhichAreForInformation()
    {
        var cut = RenderFor(Bank());

        Assert.Equal(["name", "initials", "dateOfBirth", "postcode", "houseNumber", "suffix"],
            cut.FindAll("[data-testid=idin-deciding] tr[data-field]").Select(r => r.GetAttribute("data-field")));
        Assert.Equal(["street", "city"], cut.FindAll("[data-testid=idin-information] tr[data-field]").Select(r => r.GetAttribute("data-field")));
        Assert.Contains("Straat en plaats tonen we alleen ter informatie", cut.Find("[data-testid=idin-deciding-explained]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void InEnglishTheSameFieldsAreMarked()
    {
        UseCulture("en");

        var cut = RenderFor(Bank());

        Assert.Equal(["postcode", "houseNumber", "suffix", "street"], Marked(cut));
        Assert.Contains("Differs", cut.Find("tr[data-field=postcode]").TextContent, StringComparison.Ordinal);
        Assert.Contains("does not count", cut.Find("tr[data-field=street]").TextContent, StringComparison.Ordinal);
    }
}
