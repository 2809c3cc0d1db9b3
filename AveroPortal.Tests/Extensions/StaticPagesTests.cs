
namespace AveroPortal.Tests.Extensions;

/// <summary>
/// Pages that anyone may open are rendered statically: their HTML carries no interactive-server marker, so a visit
/// opens no circuit (memory, a WebSocket) on the server. The signed-in overview stays interactive.
/// </summary>
public sealed class StaticPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ServerMarker = "<!--Blazor:{\"type\":\"server\"";

    [Theory]
    [InlineData("/")]
    [InlineData("/veelgestelde-vragen")]
    [InlineData("/inloggen")]
    [InlineData("/inloggen/particulier")]
    public async Task APublicPageOpensNoCircuit(string path)
    {
        var html = await factory.CreateClient().GetStringAsync(path);

        Assert.DoesNotContain(ServerMarker, html, StringComparison.Ordinal);
        Assert.Contains("data-interactive=\"false\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignedInOverviewIsInteractive()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);

        Assert.Contains(ServerMarker, await client.GetAsync("/mijn-overzicht"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageNamesItsIconSoBrowsersDoNotAskForAMissingFaviconIco()
    {
        var html = await factory.CreateClient().GetStringAsync("/inloggen");

        var icon = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\"[^>]*href=\"(?<href>[^\"]+)\"");
        Assert.True(icon.Success, "no icon link");
        var response = await factory.CreateClient().GetAsync(icon.Groups["href"].Value);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }
}
