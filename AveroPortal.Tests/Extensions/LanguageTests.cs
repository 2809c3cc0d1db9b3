using AveroPortal.Blazor.Extensions;
using Microsoft.AspNetCore.Localization;

namespace AveroPortal.Tests.Extensions;

/// <summary>The language switch's cookie wins; otherwise the browser's Accept-Language picks English or Dutch.</summary>
public sealed class LanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string DutchHeading = "Welkom bij Mijn Avéro Achmea";
    private const string EnglishHeading = "Welcome to Mijn Avéro Achmea";

    private async Task<string> StartPageAsync(string? acceptLanguage, string? cookieCulture = null)
    {
        var client = FormClient.For(factory).Http;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        if (cookieCulture is not null)
        {
            request.Headers.Add("Cookie", CookieRequestCultureProvider.DefaultCookieName + "="
                + Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(cookieCulture))));
        }

        var response = await client.SendAsync(request);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-GB,en;q=0.9")]
    [InlineData("en-US")]
    public async Task AnEnglishBrowserGetsEnglish(string header)
    {
        var html = await StartPageAsync(header);

        Assert.Contains(EnglishHeading, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("de-DE,fr;q=0.8")]
    [InlineData("nl-BE")]
    [InlineData(null)]
    public async Task AnyOtherBrowserGetsDutch(string? header)
    {
        var html = await StartPageAsync(header);

        Assert.Contains(DutchHeading, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchsChoiceOfDutchBeatsAnEnglishBrowser()
    {
        Assert.Contains(DutchHeading, await StartPageAsync("en", cookieCulture: "nl-NL"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchsChoiceOfEnglishBeatsAGermanBrowser()
    {
        Assert.Contains(EnglishHeading, await StartPageAsync("de", cookieCulture: "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchLinkSetsTheCookieThatThenWins()
    {
        var client = FormClient.For(factory);
        var chosen = await client.Http.GetAsync("/taal/en?terug=%2F");
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CookieRequestCultureProvider.DefaultCookieName + "=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", "nl-NL");
        var html = System.Net.WebUtility.HtmlDecode(await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Contains(EnglishHeading, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-au", "en")]
    [InlineData("fr, en;q=0.5", "en")]
    [InlineData("nl, en;q=0.9", "nl-NL")]
    [InlineData("en;q=0.2, nl;q=0.8", "nl-NL")]
    [InlineData("english", "nl-NL")]
    [InlineData("de", "nl-NL")]
    [InlineData("*", "nl-NL")]
    [InlineData("en;q=0", "nl-NL")]
    [InlineData(";;;,,,", "nl-NL")]
    [InlineData("", "nl-NL")]
    public void TheBrowsersMostPreferredEnglishOrDutchTagDecides(string header, string expected)
    {
        Assert.Equal(expected, BrowserLanguageProvider.Choose(header));
    }
}
