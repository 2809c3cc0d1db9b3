using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Core.Idin;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Idin;

/// <summary>The Development-only iDIN broker on its own: a bare web host with nothing but the broker mapped.</summary>
public sealed partial class IdinTestBrokerTests : IAsyncLifetime
{
    private const string Authority = "http://localhost/dev/idin-broker";
    private const string Callback = "http://localhost/idin/callback";
    private const string ClientId = "avero-portal-test";
    private const string Secret = "test-geheim-0123456789";
    private const string State = "toestand-42";
    private const string Nonce = "nonce-7";
    private const string JanBin = "TESTBIN-JAN-DE-VRIES";

    private static readonly string Verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    private readonly ManualClock _clock = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>Claim names differ from the defaults for BIN and last name, as with Signicat, so tests see they are used.</summary>
    internal static IdinOptions Options() => new()
    {
        Broker = "testmakelaar",
        Authority = Authority,
        ClientId = ClientId,
        ClientSecret = Secret,
        BankParameter = "login_hint",
        BankParameterFormat = "idin_bank:{0}",
        Banks = [new("INGBNL2A", "ING"), new("RABONL2U", "Rabobank")],
        Claims = new IdinClaimNames { Bin = "idp_id", LegalLastName = "idin_legal_last_name" },
    };

    public async Task InitializeAsync()
    {
        _app = await StartAsync("Development", register: true, _clock);
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheDiscoveryDocumentDescribesCodeFlowWithPkce()
    {
        using var discovery = JsonDocument.Parse(await _client.GetStringAsync("/dev/idin-broker/.well-known/openid-configuration"));
        var root = discovery.RootElement;

        Assert.Equal(Authority, root.GetProperty("issuer").GetString());
        Assert.Equal(Authority + "/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Authority + "/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(Authority + "/jwks", root.GetProperty("jwks_uri").GetString());
        Assert.Equal(Authority + "/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(["code"], Strings(root, "response_types_supported"));
        Assert.Equal(["S256"], Strings(root, "code_challenge_methods_supported"));
        Assert.Equal(["RS256"], Strings(root, "id_token_signing_alg_values_supported"));
        Assert.Equal(["client_secret_post", "client_secret_basic"], Strings(root, "token_endpoint_auth_methods_supported"));
        Assert.Contains("openid", Strings(root, "scopes_supported"));
        Assert.NotEmpty(Strings(root, "subject_types_supported"));
    }

    [Theory]
    [InlineData("client_id", "iemand-anders")]
    [InlineData("client_id", null)]
    [InlineData("redirect_uri", "https://aanvaller.example/idin/callback")]
    [InlineData("redirect_uri", "http://localhost.aanvaller.example/idin/callback")]
    [InlineData("redirect_uri", "http://localhost/elders")]
    [InlineData("redirect_uri", "/idin/callback")]
    [InlineData("code_challenge", null)]
    [InlineData("code_challenge_method", "plain")]
    [InlineData("code_challenge_method", null)]
    [InlineData("response_type", "token")]
    [InlineData("scope", "profile")]
    public async Task AnAuthorizeRequestItCannotTrustGetsAPageNotARedirect(string parameter, string? value)
    {
        var parameters = AuthorizeParameters();
        parameters[parameter] = value;

        var response = await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", parameters));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("verzoek geweigerd", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBankPageOffersTheFourDemoIdentitiesAtTheChosenBank()
    {
        var parameters = AuthorizeParameters();
        parameters["login_hint"] = "idin_bank:RABONL2U";

        var response = await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", parameters));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("<main>", html, StringComparison.Ordinal);
        Assert.Contains("<legend>", html, StringComparison.Ordinal);
        Assert.Contains("Testbank: alleen voor ontwikkeling, geen echte bank", html, StringComparison.Ordinal);
        Assert.Contains("Gekozen bank: <strong>Rabobank</strong>", html, StringComparison.Ordinal);
        string[] labels = ["Jan de Vries: gegevens kloppen", "Anna van den Berg: verhuisd, adres wijkt af", "Pieter Smit: geboortedatum wijkt af", "Klaas Postma: onbekend bij Avéro"];
        for (var i = 0; i < labels.Length; i++)
        {
            Assert.Contains($"<label for=\"persoon-{i}\"><strong>{labels[i]}</strong>", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"persoon-{i}\"", html, StringComparison.Ordinal);
        }

        Assert.Matches("<button type=\"submit\" name=\"cancel\"[^>]*>Annuleren</button>", html);
        Assert.Contains(">Bevestigen bij de bank</button>", html, StringComparison.Ordinal);
        Assert.Equal(43, Handle(html).Length);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheBrokerPagesPassAxe(bool valid)
    {
        var parameters = AuthorizeParameters();
        parameters["client_id"] = valid ? ClientId : "onbekend";
        var html = await (await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", parameters))).Content.ReadAsStringAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);

        var result = await page.RunAxe();

        Assert.True(result.Violations.Length == 0, string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}")));
        Assert.True(result.Passes.Length > 10);
    }

    [Fact]
    public async Task ChoosingJanReturnsToTheCallbackWithACodeAndTheSameState()
    {
        var target = await ChooseAsync(JanBin);

        Assert.Equal(Callback, target.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(target.QueryValue("code")));
        Assert.Equal(State, target.QueryValue("state"));
        Assert.Null(target.QueryValue("error"));
    }

    [Fact]
    public async Task TheCodeBuysAnIdTokenThatValidatesWithThePublishedKeys()
    {
        var response = await RedeemAsync(await CodeAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.True(body.RootElement.GetProperty("expires_in").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));

        var keys = new JsonWebKeySet(await _client.GetStringAsync("/dev/idin-broker/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.RootElement.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = Authority,
            ValidAudience = ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = (notBefore, expires, _, _) => expires > _clock.GetUtcNow().UtcDateTime,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var claims = result.Claims;
        Assert.Equal(Nonce, claims["nonce"]);
        Assert.Equal(JanBin, claims["sub"]);
        Assert.Equal("urn:nl:bvn:bankid:1.0:loa3", claims["acr"]);
        Assert.Equal(JanBin, claims["idp_id"]);
        Assert.Equal("J", claims["urn:nl:bvn:bankid:1.0:consumer.initials"]);
        Assert.Equal("de", claims["urn:nl:bvn:bankid:1.0:consumer.legallastnameprefix"]);
        Assert.Equal("Vries", claims["idin_legal_last_name"]);
        Assert.Equal("19750314", claims["urn:nl:bvn:bankid:1.0:consumer.dateofbirth"]);
        Assert.Equal("Stationsweg", claims["urn:nl:bvn:bankid:1.0:consumer.street"]);
        Assert.Equal("12", claims["urn:nl:bvn:bankid:1.0:consumer.houseno"]);
        Assert.Equal("8911AH", claims["urn:nl:bvn:bankid:1.0:consumer.postalcode"]);
        Assert.Equal("Leeuwarden", claims["urn:nl:bvn:bankid:1.0:consumer.city"]);
        Assert.Equal("NL", claims["urn:nl:bvn:bankid:1.0:consumer.country"]);
        Assert.False(claims.ContainsKey("urn:nl:bvn:bankid:1.0:consumer.bin"));
    }

    [Fact]
    public async Task AReplayedCodeIsRefused()
    {
        var code = await CodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(code)).StatusCode);

        await AssertOAuthErrorAsync(await RedeemAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task AWrongVerifierIsRefusedAndSpendsTheCode()
    {
        var code = await CodeAsync();

        await AssertOAuthErrorAsync(await RedeemAsync(code, verifier: Base64Url(RandomNumberGenerator.GetBytes(32))), HttpStatusCode.BadRequest, "invalid_grant");
        await AssertOAuthErrorAsync(await RedeemAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task AnotherRedirectUriAtTheTokenEndpointIsRefused() =>
        await AssertOAuthErrorAsync(await RedeemAsync(await CodeAsync(), redirectUri: "http://localhost/andere/idin/callback"), HttpStatusCode.BadRequest, "invalid_grant");

    [Fact]
    public async Task ACodeOlderThanAMinuteIsRefused()
    {
        var code = await CodeAsync();
        _clock.Advance(TimeSpan.FromSeconds(61));

        await AssertOAuthErrorAsync(await RedeemAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWrongClientSecretIsUnauthorized(bool basic) =>
        await AssertOAuthErrorAsync(await RedeemAsync(await CodeAsync(), secret: Secret + "x", basic: basic), HttpStatusCode.Unauthorized, "invalid_client");

    [Fact]
    public async Task TheClientMayAuthenticateWithHttpBasic() =>
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(await CodeAsync(), basic: true)).StatusCode);

    [Fact]
    public async Task CancellingReturnsAccessDeniedWithTheState()
    {
        var target = await ChooseAsync(JanBin, cancel: true);

        Assert.Equal(Callback, target.GetLeftPart(UriPartial.Path));
        Assert.Equal("access_denied", target.QueryValue("error"));
        Assert.False(string.IsNullOrEmpty(target.QueryValue("error_description")));
        Assert.Equal(State, target.QueryValue("state"));
        Assert.Null(target.QueryValue("code"));
    }

    [Fact]
    public async Task TheBankPageHandleAnswersOnlyOnce()
    {
        var handle = Handle(await (await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", AuthorizeParameters()))).TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(handle, JanBin)).StatusCode);

        var again = await AnswerAsync(handle, JanBin);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null(again.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(Base64Url(RandomNumberGenerator.GetBytes(32)), JanBin)).StatusCode);
    }

    [Fact]
    public async Task UserinfoAnswersTheAccessTokenWithTheSameClaims()
    {
        using var tokens = JsonDocument.Parse(await (await RedeemAsync(await CodeAsync())).Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/idin-broker/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("access_token").GetString());

        using var claims = JsonDocument.Parse(await (await _client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Equal(JanBin, claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(JanBin, claims.RootElement.GetProperty("idp_id").GetString());
        Assert.Equal("8911AH", claims.RootElement.GetProperty("urn:nl:bvn:bankid:1.0:consumer.postalcode").GetString());
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/dev/idin-broker/userinfo");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "verzonnen");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(forged)).StatusCode);
    }

    public static TheoryData<string> MalformedKinds => MalformedForms.Kinds;

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedAuthorizePostGetsADutchPageAndALogLine(string kind)
    {
        var log = new CapturedLog();
        await using var app = await StartAsync("Development", register: true, _clock, builder => builder.Logging.AddProvider(log));

        var response = await app.GetTestClient().PostAsync(IdinTestBroker.BasePath + "/authorize", MalformedForms.Body(kind, "handle"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", page, StringComparison.Ordinal);
        Assert.Contains("verzoek geweigerd", page, StringComparison.Ordinal);
        Assert.Contains(log.Warnings, w => w.StartsWith("iDIN test broker refused an authorize post", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedTokenRequestGetsInvalidRequestJsonAndALogLine(string kind)
    {
        var log = new CapturedLog();
        await using var app = await StartAsync("Development", register: true, _clock, builder => builder.Logging.AddProvider(log));

        var response = await app.GetTestClient().PostAsync(IdinTestBroker.BasePath + "/token", MalformedForms.Body(kind, "grant_type"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Contains(log.Warnings, w => w.StartsWith("iDIN test broker refused a token request", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    public async Task TheBrokerIsOnlyMappedWhenRegisteredInDevelopment(string environment, bool register)
    {
        await using var app = await StartAsync(environment, register, _clock);

        var response = await app.GetTestClient().GetAsync("/dev/idin-broker/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Jan de Vries: gegevens kloppen", IdinMatchKind.FullMatch, "100001", new IdinField[0])]
    [InlineData("Anna van den Berg: verhuisd, adres wijkt af", IdinMatchKind.Partial, "100002", new[] { IdinField.Postcode, IdinField.HouseNumber, IdinField.HouseNumberSuffix })]
    [InlineData("Pieter Smit: geboortedatum wijkt af", IdinMatchKind.Partial, "100003", new[] { IdinField.DateOfBirth })]
    [InlineData("Klaas Postma: onbekend bij Avéro", IdinMatchKind.NoMatch, null, new IdinField[0])]
    public async Task EachDemoIdentityMeetsTheSeededCustomersAsItsLabelSays(string label, IdinMatchKind kind, string? customerNumber, IdinField[] differences)
    {
        using var database = await TestDatabase.CreateAsync();
        await database.Seeder.SeedAsync();
        var customers = new List<AveroPortal.Core.Customers.Customer>();
        for (var id = 1; await database.Customers.GetCustomerAsync(id) is { } customer; id++)
        {
            customers.Add(customer);
        }

        var result = IdinMatching.Match(IdinTestBroker.Identities.Single(i => i.Label == label).Person, customers);

        Assert.Equal(3, customers.Count);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(customerNumber, result.Customer?.CustomerNumber);
        Assert.Equal(differences, result.Differences);
    }

    [Fact]
    public async Task AspNetCoresOpenIdConnectHandlerSignsInThroughTheBroker()
    {
        await using var app = await StartAsync("Development", register: true, TimeProvider.System, builder =>
        {
            builder.Services.AddAuthentication(o => (o.DefaultScheme, o.DefaultChallengeScheme) = ("cookie", "oidc"))
                .AddCookie("cookie")
                .AddOpenIdConnect("oidc", o =>
                {
                    (o.Authority, o.ClientId, o.ClientSecret, o.CallbackPath) = (Authority, ClientId, Secret, "/idin/callback");
                    (o.ResponseType, o.ResponseMode, o.UsePkce, o.RequireHttpsMetadata) = ("code", "query", true, false);
                    o.MapInboundClaims = false;
                    o.GetClaimsFromUserInfoEndpoint = true;
                    o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                });
            builder.Services.AddOptions<OpenIdConnectOptions>("oidc")
                .Configure<IServer>((o, server) => o.BackchannelHttpHandler = ((TestServer)server).CreateHandler());
        }, app =>
        {
            app.UseAuthentication();
            app.MapGet("/wie", (HttpContext http) => http.User.FindFirst("idp_id") is { } bin ? Results.Text(bin.Value) : Results.Challenge());
        });
        using var browser = new HttpClient(new CookieContainerHandler { InnerHandler = app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost/") };

        var authorize = (await browser.GetAsync("/wie")).Target();
        Assert.StartsWith(Authority + "/authorize?", authorize.ToString(), StringComparison.Ordinal);
        var handle = Handle(await (await browser.GetAsync(authorize)).TextAsync());
        var callback = (await browser.PostAsync("/dev/idin-broker/authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["handle"] = handle, ["identity"] = JanBin }))).Target();
        var back = await browser.GetAsync(callback);
        Assert.Equal("/wie", back.Headers.Location?.OriginalString);

        Assert.Equal(JanBin, await browser.GetStringAsync("/wie"));
    }

    internal static async Task<WebApplication> StartAsync(string environment, bool register, TimeProvider clock,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(Options());
        if (register)
        {
            builder.Services.AddIdinTestBroker();
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        map?.Invoke(app);
        app.MapIdinTestBroker();
        await app.StartAsync();
        return app;
    }

    private static Dictionary<string, string?> AuthorizeParameters() => new()
    {
        ["client_id"] = ClientId,
        ["redirect_uri"] = Callback,
        ["response_type"] = "code",
        ["scope"] = "openid",
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
        ["code_challenge_method"] = "S256",
    };

    private async Task<Uri> ChooseAsync(string bin, bool cancel = false)
    {
        var page = await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", AuthorizeParameters()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (await AnswerAsync(Handle(await page.TextAsync()), bin, cancel)).Target();
    }

    private Task<HttpResponseMessage> AnswerAsync(string handle, string bin, bool cancel = false)
    {
        var fields = new Dictionary<string, string> { ["handle"] = handle, ["identity"] = bin };
        fields[cancel ? "cancel" : "confirm"] = "1";
        return _client.PostAsync("/dev/idin-broker/authorize", new FormUrlEncodedContent(fields));
    }

    private async Task<string> CodeAsync() => (await ChooseAsync(JanBin)).QueryValue("code")!;

    private async Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null, string redirectUri = Callback, string secret = Secret, bool basic = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/idin-broker/token");
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(secret))));
        }
        else
        {
            fields["client_id"] = ClientId;
            fields["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(fields);
        return await _client.SendAsync(request);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(body.RootElement.TryGetProperty("id_token", out _));
    }

    private static string[] Strings(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static string Handle(string html) =>
        HandlePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No handle on the page.");

    /// <summary>Written out here rather than borrowed from the broker, so a mistake there can not cancel out.</summary>
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"handle\" value=\"([^\"]+)\"")]
    private static partial Regex HandlePattern();
}
