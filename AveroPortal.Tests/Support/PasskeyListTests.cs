using AveroPortal.Blazor.Features.Support;
using AveroPortal.Core.Passkeys;
using Bunit;

namespace AveroPortal.Tests.Support;

/// <summary>The support desk's passkey table: what the agent reads, and that the remove button names its passkey.</summary>
public sealed class PasskeyListTests : BunitTest
{
    private static readonly DateTimeOffset Added = new(2026, 7, 1, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void EachPasskeyShowsItsNameDatesAndARemoveButtonThatNamesIt()
    {
        PasskeySummary? removed = null;
        var passkeys = new[]
        {
            new PasskeySummary(1, "iPhone", Added, null, false),
            new PasskeySummary(2, "YubiKey", Added, Added.AddDays(2), false),
        };

        var cut = Render<PasskeyList>(p => p.Add(l => l.Passkeys, passkeys).Add(l => l.OnRemove, (PasskeySummary s) => removed = s));

        var rows = cut.FindAll("[data-testid=passkey]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("1-7-2026 10:30:00", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("nog niet", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("3-7-2026 10:30:00", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Passkey YubiKey verwijderen", cut.FindAll("[data-testid=remove-passkey]")[1].GetAttribute("aria-label"));
        cut.FindAll("[data-testid=remove-passkey]")[1].Click();
        Assert.Equal(2, removed?.Id);
        Assert.Empty(cut.FindAll("[data-testid=passkey-cloned]"));
    }

    [Fact]
    public void APossiblyClonedPasskeyIsMarkedAndExplained()
    {
        var cut = Render<PasskeyList>(p => p.Add(l => l.Passkeys, [new PasskeySummary(3, "Laptop", Added, Added, true)]));

        Assert.Contains("mogelijk gekloond", cut.Find("[data-testid=passkey-cloned]").TextContent, StringComparison.Ordinal);
        Assert.Contains("de teller ging terug", cut.Find("[data-testid=passkey-cloned-warning]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPasskeysSaysSo()
    {
        var cut = Render<PasskeyList>(p => p.Add(l => l.Passkeys, []));

        Assert.Equal("Geen passkeys.", cut.Find("[data-testid=passkeys-none]").TextContent.Trim());
        Assert.Empty(cut.FindAll("table"));
    }
}
