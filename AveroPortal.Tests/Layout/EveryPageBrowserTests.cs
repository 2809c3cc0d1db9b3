namespace AveroPortal.Tests.Layout;

/// <summary>
/// Every page at 320, 375, 768 and 1280 px (issue 14), from the one pass of <see cref="PageSweep"/>: each test names
/// one promise and lists every page and width that breaks it.
/// </summary>
public sealed class EveryPageBrowserTests(PageSweep sweep) : IClassFixture<PageSweep>
{
    [Fact]
    public async Task NoPageScrollsSidewaysFrom320PxToDesktop()
    {
        var findings = await sweep.FindingsAsync();
        Assert.Equal(PortalPages.All.Count, findings.Visited.Count);
        Assert.True(findings.Overflow.Count == 0, string.Join("\n", findings.Overflow));
    }

    [Fact]
    public async Task TheHeaderIsOneUnclippedRowWithTheMenuOnSmallScreens()
    {
        var findings = await sweep.FindingsAsync();
        Assert.True(findings.Header.Count == 0, string.Join("\n", findings.Header));
    }

    [Fact]
    public async Task TheFirstTabAfterLoadReachesTheSkipLinkOnEveryPage()
    {
        var findings = await sweep.FindingsAsync();
        Assert.True(findings.SkipLink.Count == 0, string.Join("\n", findings.SkipLink));
    }

    [Fact]
    public async Task EveryLinkButtonAndFieldShowsItsKeyboardFocus()
    {
        var findings = await sweep.FindingsAsync();
        Assert.True(findings.Focus.Count == 0, string.Join("\n", findings.Focus));
    }

    [Fact]
    public async Task AxeFindsNothingSeriousOrCriticalOnAnyPage()
    {
        var findings = await sweep.FindingsAsync();
        Assert.True(findings.Axe.Count == 0, string.Join("\n", findings.Axe));
    }
}
