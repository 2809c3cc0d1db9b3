using AveroPortal.Blazor.Features.Colleagues;
using AveroPortal.Blazor.Formatting;
using AveroPortal.Core.Colleagues;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using BlazorTexts = AveroPortal.Blazor.Texts;

namespace AveroPortal.Tests.Colleagues;

/// <summary>The company audit as administrators and the Supportdesk read it: every stored action in words, in both languages.</summary>
public sealed class CompanyAuditListTests : BunitTest
{
    private static readonly string[] ActorKinds = ["colleague", "support", "customer"];

    private IStringLocalizer<BlazorTexts> Texts => Services.GetRequiredService<IStringLocalizer<BlazorTexts>>();

    [Theory]
    [InlineData("nl-NL")]
    [InlineData("en")]
    public void EveryActionAndEveryKindOfActorHasWordsInBothLanguages(string culture)
    {
        UseCulture(culture);
        Assert.True(CompanyAuditActions.All.Length >= 8, "the actions of the issue are all there");

        var raw = CompanyAuditActions.All.Where(a => EventLabels.CompanyAction(a, Texts) == a)
            .Concat(ActorKinds.Where(k => EventLabels.CompanyActor(k, Texts) == k)).ToList();

        Assert.True(raw.Count == 0, $"{culture}: no text in tools/texts_colleague_admin.py for {string.Join(", ", raw)}");
    }

    [Fact]
    public void RowsShowWhenWhoFromWhereWhatAndWhomInTheGivenOrder()
    {
        CompanyAuditEntry[] entries =
        [
            new(2, 7, 1_772_442_060, "support", "supportdesk@averoachmea.example.com", CompanyAuditActions.AdministratorGranted, "carla@example.com", "192.0.2.9"),
            new(1, 7, 1_772_442_000, "colleague", "Fenna Visser", CompanyAuditActions.ColleagueRevoked, "carla@example.com", null),
        ];

        var cut = Render<CompanyAuditList>(p => p.Add(l => l.Entries, entries));

        var rows = cut.FindAll("[data-testid=company-audit-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Beheerder gemaakt", rows[0].QuerySelector("[data-testid=company-audit-action]")!.TextContent.Trim());
        Assert.Contains("Supportdesk", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("vanaf 192.0.2.9", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 maart 2026", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Account ingetrokken", rows[1].QuerySelector("[data-testid=company-audit-action]")!.TextContent.Trim());
        Assert.Contains("Fenna Visser", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("vanaf", rows[1].TextContent, StringComparison.Ordinal);
        // Each cell is named for the stacked rows on a phone.
        Assert.All(rows[0].QuerySelectorAll("td"), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label"))));
    }

    [Fact]
    public void AnEmptyAuditSaysSo()
    {
        var cut = Render<CompanyAuditList>(p => p.Add(l => l.Entries, []));

        Assert.Empty(cut.FindAll("[data-testid=company-audit-row]"));
        Assert.Contains("Er is nog niets vastgelegd.", cut.Markup, StringComparison.Ordinal);
    }
}
