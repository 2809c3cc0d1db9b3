using System.Net;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Tests.Extensions;

/// <summary>A factory per test: each starts with a fresh limiter allowing five writes a minute per client.</summary>
public sealed class LoginRateLimitTests : IDisposable
{
    private const int Limit = 5;
    private readonly PortalFactory _factory = new() { LoginRateLimitPerMinute = Limit };

    public void Dispose() => _factory.Dispose();

    /// <summary>The Development portal: eHerkenning and iDIN on, with their test brokers.</summary>
    private static PortalFactory Development() => new()
    {
        EnvironmentName = "Development",
        LoginRateLimitPerMinute = Limit,
        Settings = EHerkenningSettings.For("http://localhost/", testBroker: true),
    };

    private static async Task UseUpTheLimitAsync(FormClient client)
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
        }
    }

    [Fact]
    public async Task SixthLoginPostWithinAMinuteGets429WithADutchPage()
    {
        var client = FormClient.For(_factory);
        await UseUpTheLimitAsync(client);

        var sixth = await client.PostPasswordAsync("particulier", "", "");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        var text = await sixth.TextAsync();
        Assert.Contains(Dutch.TooManyTitle, text);
        Assert.Contains("Wacht een minuut", text);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostPasswordAsync("zakelijk", "", "")).StatusCode);
    }

    [Fact]
    public async Task TooManyRequestsNoLongerLeavesTheClientGuessingWhenToComeBack()
    {
        var client = FormClient.For(_factory);
        await UseUpTheLimitAsync(client);

        var refused = await client.PostPasswordAsync("particulier", "", "");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("No Retry-After (in seconds) on the 429.");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains(Dutch.TooManyTitle, await refused.TextAsync());
    }

    [Fact]
    public async Task ReadingPagesIsNotLimited()
    {
        var client = FormClient.For(_factory);
        await UseUpTheLimitAsync(client);

        foreach (var path in Enumerable.Repeat(new[] { "/inloggen", "/inloggen/particulier", "/inloggen/zakelijk", "/" }, 5).SelectMany(p => p))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
    }

    [Fact]
    public async Task EHerkenningLoginsAreNoLongerOutsideTheRateLimit()
    {
        // Seen: 300 eHerkenning logins in 1.1 s from one client, a saml_requests row each, while the same client got
        // 429 on the login form.
        await using var portal = Development();
        var client = FormClient.For(portal);
        var information = await client.GetAsync("/inloggen/eherkenning");
        var token = FormClient.AntiforgeryToken(information);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 3; i++)
        {
            var response = await client.Http.PostAsync("/eherkenning/login",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["start"] = "1", ["__RequestVerificationToken"] = token }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        Assert.Equal(Limit, await CountAsync(portal, "SELECT COUNT(*) FROM saml_requests"));
        // One bucket per client: the login form is closed for it too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
    }

    [Fact]
    public async Task EveryEndpointThatWritesSharesTheClientsBucket()
    {
        await using var portal = Development();
        var client = FormClient.For(portal);
        await UseUpTheLimitAsync(client);
        var events = await portal.LoginEventCountAsync();
        var samlRows = await CountAsync(portal, "SELECT COUNT(*) FROM saml_requests");

        // Anonymous endpoints that write rows (SAML request IDs, used assertion IDs, login events, sessions) and every
        // other form post.
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/eherkenning/login"),
            (HttpMethod.Get, "/eherkenning/acs?SAMLart=AAQAAA"),
            (HttpMethod.Post, "/eherkenning/acs"),
            (HttpMethod.Post, "/idin/start"),
            (HttpMethod.Post, "/idin/opnieuw"),
            (HttpMethod.Get, "/idin/verder"),
            (HttpMethod.Get, "/idin/callback?code=x&state=y"),
            (HttpMethod.Post, "/uitloggen"),
            (HttpMethod.Post, "/inloggen/code"),
            (HttpMethod.Post, "/inloggen/koppelen"),
            (HttpMethod.Post, "/inloggen/herstelcode"),
            (HttpMethod.Post, "/instellingen/herstelcodes"),
            (HttpMethod.Post, "/account-aanmaken?token=x"),
            (HttpMethod.Post, "/support/inloggen"),
            (HttpMethod.Post, "/instellingen/wachtwoord"),
            (HttpMethod.Post, "/collegas"),
        };
        var notLimited = new List<string>();
        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new FormUrlEncodedContent([]) };
            var response = await client.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || !response.Headers.Contains("Retry-After"))
            {
                notLimited.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(notLimited);
        Assert.Equal(events, await portal.LoginEventCountAsync());
        Assert.Equal(samlRows, await CountAsync(portal, "SELECT COUNT(*) FROM saml_requests"));
    }

    [Fact]
    public async Task TheDevelopmentTestBrokersAreLimitedInABucketOfTheirOwn()
    {
        // Their back channel (ArtifactResolve, token) is the portal calling itself: it must not use up the
        // browser's bucket on a developer's machine, nor go unlimited.
        await using var portal = Development();
        var client = FormClient.For(portal);
        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.Http.PostAsync("/testmakelaar/ars", new StringContent("x"))).StatusCode);
        }

        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/testmakelaar/sso"),
            (HttpMethod.Post, "/testmakelaar/kies"),
            (HttpMethod.Post, "/testmakelaar/ars"),
            (HttpMethod.Get, "/dev/idin-broker/authorize?client_id=x"),
            (HttpMethod.Post, "/dev/idin-broker/authorize"),
            (HttpMethod.Post, "/dev/idin-broker/token"),
        };
        var notLimited = new List<string>();
        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new FormUrlEncodedContent([]) };
            var response = await client.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                notLimited.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(notLimited);
        Assert.Equal(HttpStatusCode.OK, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
    }

    private static async Task<long> CountAsync(PortalFactory portal, string sql)
    {
        await using var connection = await portal.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
