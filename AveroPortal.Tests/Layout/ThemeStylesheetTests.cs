using System.Text.RegularExpressions;
using AveroPortal.Blazor.Layout;
using MudBlazor;

namespace AveroPortal.Tests.Layout;

/// <summary>
/// The layout renders no MudThemeProvider (it threw after every static render), so the theme comes from
/// wwwroot/mud-theme.css. That file must say what MudThemeProvider would write for AveroTheme with this MudBlazor
/// version; when it does not (a theme colour or MudBlazor changed), the message holds the new content.
/// </summary>
public sealed partial class ThemeStylesheetTests(PortalFactory factory) : BunitTest, IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheFileMatchesWhatMudThemeProviderWrites()
    {
        var provider = Render<MudThemeProvider>(parameters => parameters.Add(p => p.Theme, AveroTheme.Theme));
        var written = string.Join("\n", StylePattern().Matches(provider.Markup).Select(m => m.Groups["css"].Value.Trim()));

        var file = await factory.CreateClient().GetStringAsync("/mud-theme.css");
        var served = CommentPattern().Replace(file, "").Trim();

        Assert.True(Normalize(written) == Normalize(served), "wwwroot/mud-theme.css should be (after its comment):\n" + written);
    }

    private static string Normalize(string css) => WhitespacePattern().Replace(css, " ").Trim();

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StylePattern();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
