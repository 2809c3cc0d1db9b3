using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Extensions;

/// <summary>
/// Forwarded headers over real sockets (Kestrel on loopback): only a proxy named in Avero:ReverseProxy may say who
/// the client is and whether it used TLS. These tests connect from 127.0.0.1, which ASP.NET Core would trust by default.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string ClientBehindProxy = "203.0.113.7";

    private static PortalFactory Portal(int limit = 10_000, params (string Key, string Value)[] settings) => new()
    {
        LoginRateLimitPerMinute = limit,
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
    };

    private static (FormClient Form, CookieContainer Cookies) Client(Uri baseUrl, string? forwardedFor = null, string? forwardedProto = null)
    {
        var cookies = new CookieContainer();
        var http = LoopbackClient.From(IPAddress.Loopback, baseUrl, cookies);
        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        return (new FormClient(http), cookies);
    }

    private static IReadOnlyList<Microsoft.Net.Http.Headers.SetCookieHeaderValue> CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? Microsoft.Net.Http.Headers.SetCookieHeaderValue.ParseList(values.ToList()).Where(c => c.Value.Length > 0).ToList()
            : [];

    private static async Task<LoginEvent> LastEventAsync(PortalFactory portal, long accountId) =>
        (await portal.Get<LoginEventRepository>().LatestForAccountAsync(accountId, 1)).Single();

    [Fact]
    public async Task SpoofedForwardedForFromAnUntrustedClientIsIgnored()
    {
        await using var portal = Portal();
        var baseUrl = portal.StartKestrel();
        var account = await portal.CreateAccountAsync();
        var (client, _) = Client(baseUrl, forwardedFor: ClientBehindProxy, forwardedProto: "https");

        await client.PostPasswordAsync("particulier", account.Email, "Niet-het-wachtwoord-1");
        var pending = await client.PostPasswordAsync("particulier", account.Email, account.Password);

        Assert.Equal("127.0.0.1", (await LastEventAsync(portal, account.Id)).RemoteIp);
        // X-Forwarded-Proto from nobody in particular does not make a plain-http cookie look Secure either.
        Assert.Equal(HttpStatusCode.Redirect, pending.StatusCode);
        Assert.All(CookiesSet(pending), cookie => Assert.False(cookie.Secure));
    }

    [Fact]
    public async Task ChangingXForwardedForGivesAnUntrustedClientNoFreshRateLimitBucket()
    {
        await using var portal = Portal(limit: 3);
        var baseUrl = portal.StartKestrel();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            var (client, _) = Client(baseUrl, forwardedFor: "198.51.100." + i);
            statuses.Add((await client.PostPasswordAsync("particulier", "", "")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ATrustedProxyReportsTheClientsAddressAndTls()
    {
        await using var portal = Portal(settings: ("Avero:ReverseProxy:KnownProxies:0", "127.0.0.1"));
        var baseUrl = portal.StartKestrel();
        var account = await portal.CreateAccountAsync();
        // The client wrote its own X-Forwarded-For; the proxy appended the address it saw (nginx: $proxy_add_x_forwarded_for).
        var (client, cookies) = Client(baseUrl, forwardedFor: "10.9.8.7, " + ClientBehindProxy, forwardedProto: "https");

        var password = await client.PostPasswordAsync("particulier", account.Email, account.Password);
        Assert.NotEmpty(CookiesSet(password));
        Assert.All(CookiesSet(password), cookie => Assert.True(cookie.Secure));
        // The test speaks plain http to Kestrel, so hand the Secure cookies back as a browser behind TLS would.
        foreach (var cookie in CookiesSet(password))
        {
            cookies.Add(baseUrl, new Cookie(cookie.Name.ToString(), cookie.Value.ToString()));
        }

        var code = await client.PostCodeAsync(account.Code());

        Assert.Equal("/mijn-overzicht", code.Target().AbsolutePath);
        Assert.True(code.SetsCookie(Responses.SessionCookie)!.Secure);
        var signedIn = await LastEventAsync(portal, account.Id);
        Assert.Equal(LoginOutcomes.Success, signedIn.Outcome);
        Assert.Equal(ClientBehindProxy, signedIn.RemoteIp);
        var session = (await portal.Get<global::AveroPortal.Core.Sessions.SessionRepository>().GetAsync((await portal.SessionsAsync(account.Id)).Single().Id))!;
        Assert.Equal(ClientBehindProxy, session.RemoteIp);
    }

    [Fact]
    public async Task ClientsBehindATrustedNetworkOfProxiesGetABucketEach()
    {
        await using var portal = Portal(limit: 2, settings: ("Avero:ReverseProxy:KnownNetworks", "127.0.0.0/8"));
        var baseUrl = portal.StartKestrel();
        var (first, _) = Client(baseUrl, forwardedFor: "198.51.100.1");
        var (second, _) = Client(baseUrl, forwardedFor: "198.51.100.2");

        await first.PostPasswordAsync("particulier", "", "");
        await first.PostPasswordAsync("particulier", "", "");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostPasswordAsync("particulier", "", "")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostPasswordAsync("particulier", "", "")).StatusCode);
    }

    [Fact]
    public async Task AProxyOutsideTheTrustedNetworkIsNotBelieved()
    {
        await using var portal = Portal(settings: ("Avero:ReverseProxy:KnownNetworks", "10.0.0.0/8"));
        var baseUrl = portal.StartKestrel();
        var account = await portal.CreateAccountAsync();
        var (client, _) = Client(baseUrl, forwardedFor: ClientBehindProxy);

        await client.PostPasswordAsync("particulier", account.Email, "Niet-het-wachtwoord-1");

        Assert.Equal("127.0.0.1", (await LastEventAsync(portal, account.Id)).RemoteIp);
    }

    [Theory]
    [InlineData("KnownProxies:0", "proxy.example.com")]
    [InlineData("KnownProxies:0", "10.0.0")]
    [InlineData("KnownProxies", "10.0.0.5, 10.0.0.300")]
    [InlineData("KnownNetworks:0", "10.0.0.0")]
    [InlineData("KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("KnownNetworks:0", "10.0.0.1/8")]
    public void AnInvalidProxySettingStopsStartUpNamingTheKey(string key, string value)
    {
        using var portal = Portal(settings: ("Avero:ReverseProxy:" + key, value));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => portal.CreateClient());

        Assert.Contains("Avero:ReverseProxy:" + key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFrameworksTrustEveryoneSwitchStopsStartUp()
    {
        using var portal = Portal(settings: ("FORWARDEDHEADERS_ENABLED", "true"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => portal.CreateClient());

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", error.Message, StringComparison.Ordinal);
    }
}
