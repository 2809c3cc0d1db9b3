namespace AveroPortal.Tests.Layout;

/// <summary>
/// A static page carries no persisted component state: every page ended with an encrypted
/// <c>Blazor-Server-Component-State</c> comment, and persisting it made an anti-forgery token pair and its cookie,
/// also on pages without a form or a circuit (three Data Protection operations per request). Forms and the signed-in
/// overview's circuit keep what they need.
/// </summary>
public sealed class StaticPageStateTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string StateComment = "<!--Blazor-Server-Component-State:";
    private const string AntiforgeryCookie = ".AspNetCore.Antiforgery.";

    [Theory]
    [InlineData("/")]
    [InlineData("/inloggen")]
    public async Task AStaticPageWithoutAFormCarriesNoStateAndSetsNoCookie(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("</html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(StateComment, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStaticPageWithAFormStillGetsItsTokenAndCookie()
    {
        using var response = await factory.CreateClient().GetAsync("/inloggen/particulier");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(StateComment, html, StringComparison.Ordinal);
        Assert.NotEmpty(FormClient.AntiforgeryToken(html));
        Assert.Contains(SetCookies(response), c => c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignedInOverviewKeepsItsStateForTheCircuit()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);

        var html = await client.GetAsync("/mijn-overzicht");

        Assert.Contains(StateComment, html, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
