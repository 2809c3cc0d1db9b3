using System.Net;
using System.Security.Claims;
using AveroPortal.Blazor.Features.Idin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AveroPortal.Tests.Idin;

/// <summary>The portal's iDIN endpoints over HTTP: the authorize request it builds, bad input, and configuration that stops start-up.</summary>
public sealed class IdinEndpointTests : IAsyncLifetime
{
    private OidcProviderPeer _peer = default!;

    public async Task InitializeAsync() => _peer = await IdinPeerPeople.StartPeerAsync(PortalFactory.FreePort());

    private readonly IdTokenTampering _backchannel = new(System.Security.Cryptography.RSA.Create(), "-");

    private PortalFactory Portal(Action<Dictionary<string, string>>? change = null)
    {
        var settings = IdinPeerPeople.PortalSettings(_peer);
        change?.Invoke(settings);
        return new PortalFactory
        {
            Settings = settings,
            ConfigureServices = services => services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
                AveroPortal.Blazor.Features.Idin.IdinSetup.BrokerScheme, options => options.BackchannelHttpHandler = _backchannel),
        };
    }

    private static async Task<HttpResponseMessage> StartAsync(FormClient client, string? bank, bool withToken = true)
    {
        var page = await client.GetAsync("/inloggen/idin");
        var fields = new Dictionary<string, string>();
        if (bank is not null)
        {
            fields["bank"] = bank;
        }

        if (withToken)
        {
            fields["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page);
        }

        return await client.Http.PostAsync("/idin/start", new FormUrlEncodedContent(fields));
    }

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
    public async Task AForgedExternalCookieIsIgnored()
    {
        await using var portal = Portal();
        var client = FormClient.For(portal);
        client.Http.DefaultRequestHeaders.Add("Cookie", "Avero.iDIN=CfDJ8-vervalst-en-niet-te-ontsleutelen");

        var response = await client.Http.GetAsync("/idin/verder");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/idin", response.Headers.Location!.OriginalString);
    }

    /// <summary>
    /// The cookie the portal's own external scheme writes when the bank's answer arrives, its signing-in event (which
    /// stores the single-use record) included; the broker round trip itself is the browser tests' part.
    /// </summary>
    private static async Task<string> BankAnswerCookieAsync(PortalFactory portal, string person)
    {
        var options = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdinSetup.ExternalScheme);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(IdinPeerPeople.Identities[person].Claims.Select(c => new Claim(c.Key, c.Value)), "bank"));
        var properties = new AuthenticationProperties();
        var scheme = new AuthenticationScheme(IdinSetup.ExternalScheme, null, typeof(CookieAuthenticationHandler));
        await options.Events.SigningIn(new CookieSigningInContext(new DefaultHttpContext { RequestServices = portal.Services }, scheme, options, principal, properties, new CookieOptions()));
        return "Avero.iDIN=" + options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdinSetup.ExternalScheme));
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(PortalFactory portal, string path, string cookie)
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<long> SessionCountAsync(PortalFactory portal)
    {
        await using var connection = await portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM sessions");
    }

    [Fact]
    public async Task ReplayedIdinCookieDoesNotSignInASecondTime()
    {
        await using var portal = Portal();
        await IdinPeerPeople.AddCustomersAsync(portal);
        var saved = await BankAnswerCookieAsync(portal, "jan");

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
        var saved = await BankAnswerCookieAsync(portal, "jan");

        var responses = await AllAtOnce.RunAsync(8, () => GetWithCookieAsync(portal, "/idin/verder", saved));

        Assert.Single(responses, r => r.SetsCookie(Responses.SessionCookie) is not null);
        Assert.Equal(1, await SessionCountAsync(portal));
    }

    [Fact]
    public async Task BankAnswerOfAMismatchCanNotBeShownAgainAfterTryingAgain()
    {
        await using var portal = Portal();
        await IdinPeerPeople.AddCustomersAsync(portal);
        var saved = await BankAnswerCookieAsync(portal, "anna");
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

    [Theory]
    [InlineData("Avero:Idin:Authority", "", "Authority")]
    [InlineData("Avero:Idin:ClientId", "", "ClientId")]
    [InlineData("Avero:Idin:ClientSecret", "", "ClientSecret")]
    [InlineData("Avero:Idin:Broker", "", "Broker")]
    [InlineData("Avero:Idin:BankParameterFormat", "idin_bank", "BankParameterFormat")]
    [InlineData("Avero:Idin:RequireHttpsMetadata", "true", "https")]
    public void AMisconfigurationStopsStartUpWithAClearMessage(string key, string value, string named)
    {
        using var factory = Portal(s => s[key] = value);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTestBrokerIsRefusedOutsideDevelopment()
    {
        using var factory = Portal(s => s["Avero:Idin:TestBroker:Enabled"] = "true");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheIdinTestBrokerAndARealAuthorityTogetherStopStartUp()
    {
        // Development loads appsettings.Development.json, which switches the iDIN test broker on.
        using var factory = new PortalFactory { EnvironmentName = "Development", Settings = IdinPeerPeople.PortalSettings(_peer) };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:Idin:TestBroker:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:Idin:Authority", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/idin-broker")]
    [InlineData("ftp://bank.example/")]
    public void AnAuthorityThatIsNotAnAbsoluteHttpUrlStopsStartUp(string authority)
    {
        using var factory = Portal(s => s["Avero:Idin:Authority"] = authority);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains($"Avero:Idin:Authority '{authority}' is geen absolute http(s)-URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutConfigurationIdinIsNotOffered()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.DoesNotContain("/inloggen/idin", await client.GetStringAsync("/inloggen"), StringComparison.Ordinal);
        Assert.Contains("niet beschikbaar", await client.GetStringAsync("/inloggen/idin"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/idin-broker/.well-known/openid-configuration")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _backchannel.Dispose();
    }
}
