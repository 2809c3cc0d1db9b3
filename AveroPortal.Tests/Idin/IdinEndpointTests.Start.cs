using System.Net;

namespace AveroPortal.Tests.Idin;

// Starting at the bank choice: the authorize request /idin/start pushes, the bank list, bad input and a broker that is down.
public sealed partial class IdinEndpointTests
{
    [Fact]
    public async Task TheAuthorizeRequestIsPushedWithPkceQueryResponseTheChosenBankAndExtraParameters()
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);

        var response = await StartAsync(client, "INGBNL2A");

        // The broker offers pushed authorization requests (RFC 9126), so the parameters go over the backchannel
        // and the browser only carries a request_uri.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(_peer.AuthorizationEndpoint + "?", location.ToString(), StringComparison.Ordinal);
        var front = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", front["request_uri"], StringComparison.Ordinal);
        Assert.Null(front["login_hint"]);

        var pushed = System.Web.HttpUtility.ParseQueryString(Assert.Single(_backchannel.Pushed));
        Assert.Equal("code", pushed["response_type"]);
        // Query is the default response mode of the code flow, so the handler leaves response_mode out; never form_post.
        Assert.True(pushed["response_mode"] is null or "query", pushed["response_mode"]);
        Assert.Equal("S256", pushed["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(pushed["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(pushed["nonce"]));
        Assert.False(string.IsNullOrEmpty(pushed["state"]));
        Assert.Equal("openid idin", pushed["scope"]);
        Assert.Equal("idin_bank:INGBNL2A", pushed["login_hint"]);
        Assert.Equal("nl", pushed["ui_locales"]);
        Assert.DoesNotContain(IdinPeerPeople.ClientSecret, location.ToString(), StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Avero.iDIN.Bank=INGBNL2A", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABrokerThatIsDownGivesTheFailurePageNotAnError()
    {
        await using var portal = Portal(s => s["Avero:Idin:Authority"] = $"http://127.0.0.1:{PortalFactory.FreePort()}");
        var client = FormClient.For(portal);

        var response = await StartAsync(client, "INGBNL2A");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/idin/mislukt", response.Headers.Location!.OriginalString);
        Assert.Contains("niet ingelogd", await client.GetAsync("/inloggen/idin/mislukt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBankChoiceListsTheSevenIdinBanksAndMarksTheRememberedOne()
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);
        client.Http.DefaultRequestHeaders.Add("Cookie", "Avero.iDIN.Bank=BUNQNL2A");

        var page = await client.GetAsync("/inloggen/idin");

        foreach (var bank in new[] { "ABNANL2A", "INGBNL2A", "RABONL2U", "SNSBNL2A", "ASNBNL21", "RBRBNL21", "BUNQNL2A" })
        {
            Assert.Contains($"value=\"{bank}\"", page, StringComparison.Ordinal);
        }

        Assert.Matches("value=\"BUNQNL2A\"[^>]*checked", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "checked"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("XXXXNL2A")]
    [InlineData("INGBNL2A' OR 1=1 --")]
    public async Task AnUnknownBankChangesNothingAndAsksToChooseAgain(string? bank)
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);

        var response = await StartAsync(client, bank);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/idin?melding=kies-bank", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("Avero.iDIN.Bank", StringComparison.Ordinal)));
        Assert.Contains("Kies eerst uw bank", await client.GetAsync("/inloggen/idin?melding=kies-bank"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingWithoutAnAntiforgeryTokenGetsTheDutchErrorPage()
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);

        var response = await StartAsync(client, "INGBNL2A", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lang=\"nl\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
