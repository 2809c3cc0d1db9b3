using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Idin;

// The discovery document, the authorize request and the bank page: what the broker trusts, offers and sends back.
public sealed partial class IdinTestBrokerTests
{
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
}
