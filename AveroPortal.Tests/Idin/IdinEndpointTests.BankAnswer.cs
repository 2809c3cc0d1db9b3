using System.Net;

namespace AveroPortal.Tests.Idin;

// Coming back from the bank: pages without an answer, forged and replayed answer cookies, parallel continues, trying again.
public sealed partial class IdinEndpointTests
{
    [Theory]
    [InlineData("/idin/verder", "/inloggen/idin")]
    [InlineData("/inloggen/idin/controle", "/inloggen/idin?melding=verlopen")]
    public async Task PagesAfterTheBankWithoutAnAnswerFromTheBankGoBackToTheBankChoice(string path, string expected)
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith(expected, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokerErrorIsLoggedScrubbedWithoutTheExceptionOrItsStackTrace()
    {
        var log = new CapturedLog();
        await using var portal = Portal(log: log);
        var client = FormClient.For(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(client, "INGBNL2A")).StatusCode);
        var state = System.Web.HttpUtility.ParseQueryString(Assert.Single(_backchannel.Pushed))["state"]!;

        // The broker's error_description is outside text: here it names a customer's address.
        var response = await client.Http.GetAsync("/idin/callback?error=server_error&error_description="
            + Uri.EscapeDataString("De bank van jan.devries@example.com antwoordt niet") + "&state=" + Uri.EscapeDataString(state)
            + "&iss=" + Uri.EscapeDataString(_peer.Issuer));

        Assert.Equal("/inloggen/idin/mislukt", response.Headers.Location!.OriginalString);
        var line = Assert.Single(log.WarningsOf("AveroPortal.Idin"));
        Assert.StartsWith("iDIN-aanmelding geweigerd: OpenIdConnectProtocolException: ", line, StringComparison.Ordinal);
        Assert.Contains("De bank van j***@example.com antwoordt niet", line, StringComparison.Ordinal);
        Assert.DoesNotContain("jan.devries", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(log.WithExceptions, l => l.Category == "AveroPortal.Idin");
    }

    [Fact]
    public async Task AForgedExternalCookieIsIgnored()
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);
        client.Http.DefaultRequestHeaders.Add("Cookie", "Avero.iDIN=CfDJ8-vervalst-en-niet-te-ontsleutelen");

        var response = await client.Http.GetAsync("/idin/verder");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/idin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ReplayedIdinCookieDoesNotSignInASecondTime()
    {
        await using var portal = Portal();
        await IdinPeerPeople.AddCustomersAsync(portal);
        var saved = await IdinPeerPeople.BankAnswerCookieAsync(portal, "jan");

        var first = await GetWithCookieAsync(portal, "/idin/verder", saved);
        var replayed = await GetWithCookieAsync(portal, "/idin/verder", saved);

        Assert.Equal("/mijn-overzicht", first.Headers.Location!.OriginalString);
        Assert.NotNull(first.SetsCookie(Responses.SessionCookie));
        Assert.Equal("/inloggen/idin?melding=verlopen", replayed.Headers.Location!.OriginalString);
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Equal(1, await SessionCountAsync(portal));
        Assert.Contains("verlopen", await FormClient.For(portal).GetAsync("/inloggen/idin?melding=verlopen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelContinuesWithOneBankAnswerStartExactlyOneSession()
    {
        await using var portal = Portal();
        await IdinPeerPeople.AddCustomersAsync(portal);
        var saved = await IdinPeerPeople.BankAnswerCookieAsync(portal, "jan");

        var responses = await AllAtOnce.RunAsync(8, () => GetWithCookieAsync(portal, "/idin/verder", saved));

        Assert.Single(responses, r => r.SetsCookie(Responses.SessionCookie) is not null);
        Assert.Equal(1, await SessionCountAsync(portal));
    }

    [Fact]
    public async Task BankAnswerOfAMismatchCanNotBeShownAgainAfterTryingAgain()
    {
        await using var portal = Portal();
        await IdinPeerPeople.AddCustomersAsync(portal);
        var saved = await IdinPeerPeople.BankAnswerCookieAsync(portal, "anna");
        Assert.Equal("/inloggen/idin/controle", (await GetWithCookieAsync(portal, "/idin/verder", saved)).Headers.Location!.OriginalString);
        var page = await GetWithCookieAsync(portal, "/inloggen/idin/controle", saved);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = FormClient.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)));

        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var again = new HttpRequestMessage(HttpMethod.Post, "/idin/opnieuw")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["again"] = "1", ["__RequestVerificationToken"] = token }),
        };
        again.Headers.Add("Cookie", saved + "; " + antiforgery);
        Assert.Equal("/inloggen/idin", (await client.SendAsync(again)).Headers.Location!.OriginalString);

        var shownAgain = await GetWithCookieAsync(portal, "/inloggen/idin/controle", saved);
        var continued = await GetWithCookieAsync(portal, "/idin/verder", saved);
        Assert.EndsWith("/inloggen/idin?melding=verlopen", shownAgain.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/inloggen/idin?melding=verlopen", continued.Headers.Location!.OriginalString);
        Assert.Equal(0, await SessionCountAsync(portal));
    }
}
