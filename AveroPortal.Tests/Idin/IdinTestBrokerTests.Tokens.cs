using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AveroPortal.Tests.Idin;

// The token endpoint and userinfo: the ID token it signs, the code that buys it only once, client authentication.
public sealed partial class IdinTestBrokerTests
{
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
}
