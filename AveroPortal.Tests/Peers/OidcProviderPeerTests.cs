using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Peers;

/// <summary>Proves the oidc-provider peer behaves like an iDIN broker, with HttpClient only (no browser, no portal).</summary>
public sealed class OidcProviderPeerTests
{
    private const string ClientId = "avero-portal";
    private const string ClientSecret = "broker-geheim";
    private const string RedirectUri = "http://127.0.0.1:5999/signin-idin";
    private const string Bin = "urn:nl:bvn:bankid:1.0:consumer.bin";
    private const string LastName = "urn:nl:bvn:bankid:1.0:consumer.legallastname";
    private const string Initials = "urn:nl:bvn:bankid:1.0:consumer.initials";
    private const string DateOfBirth = "urn:nl:bvn:bankid:1.0:consumer.dateofbirth";
    private const string Loa3 = "nl:bvn:bankid:1.0:loa3";

    private static readonly OidcPeerSettings Settings = new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RedirectUris = [RedirectUri],
        ClaimNames = [Bin, LastName, Initials, DateOfBirth],
        Identities = new Dictionary<string, OidcPeerIdentity>
        {
            ["jan"] = new("BIN-JAN-0001", new Dictionary<string, string>
            {
                [Bin] = "BIN-JAN-0001",
                [LastName] = "Jansen",
                [Initials] = "J.",
                [DateOfBirth] = "19700505",
            }, Loa3),
        },
    };

    [Fact]
    public async Task DiscoveryAdvertisesTheCodeFlowWithS256AndTheIdinScope()
    {
        await using var peer = await OidcProviderPeer.StartAsync(Settings);
        using var http = new HttpClient();

        using var discovery = JsonDocument.Parse(await http.GetStringAsync(peer.DiscoveryUrl));
        var root = discovery.RootElement;

        Assert.Equal(peer.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(peer.AuthorizationEndpoint, root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(peer.TokenEndpoint, root.GetProperty("token_endpoint").GetString());
        Assert.Equal(peer.JwksUri, root.GetProperty("jwks_uri").GetString());
        Assert.Equal(["code"], Strings(root.GetProperty("response_types_supported")));
        Assert.Contains("S256", Strings(root.GetProperty("code_challenge_methods_supported")));
        Assert.Contains("idin", Strings(root.GetProperty("scopes_supported")));
        Assert.Contains(LastName, Strings(root.GetProperty("claims_supported")));

        using var jwks = JsonDocument.Parse(await http.GetStringAsync(peer.JwksUri));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(peer.KeyId, key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must not publish the private key");
    }

    [Fact]
    public async Task CodeFlowWithPkceReturnsASignedIdTokenWithTheIdinClaimsNonceAndAcr()
    {
        await using var peer = await OidcProviderPeer.StartAsync(Settings);
        using var browser = new BrokerBrowser(peer);

        var callback = await browser.LogInAsync("jan");
        Assert.Equal(browser.State, callback["state"]);
        using var tokens = await browser.RedeemAsync(callback["code"]);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var idToken = tokens.Json.RootElement.GetProperty("id_token").GetString()!;
        var parts = idToken.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(peer.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.True(peer.SigningKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "id_token signature does not verify with the peer's signing key");

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        Assert.Equal(peer.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal("BIN-JAN-0001", claims.GetProperty("sub").GetString());
        Assert.Equal(browser.Nonce, claims.GetProperty("nonce").GetString());
        Assert.Equal(Loa3, claims.GetProperty("acr").GetString());
        Assert.Equal("BIN-JAN-0001", claims.GetProperty(Bin).GetString());
        Assert.Equal("Jansen", claims.GetProperty(LastName).GetString());
        Assert.Equal("J.", claims.GetProperty(Initials).GetString());
        Assert.Equal("19700505", claims.GetProperty(DateOfBirth).GetString());
    }

    [Fact]
    public async Task ReplayedCodeIsRefusedWithInvalidGrant()
    {
        await using var peer = await OidcProviderPeer.StartAsync(Settings);
        using var browser = new BrokerBrowser(peer);
        var callback = await browser.LogInAsync("jan");

        using var first = await browser.RedeemAsync(callback["code"]);
        using var second = await browser.RedeemAsync(callback["code"]);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task CancelOnTheBankPageSendsAccessDeniedToTheRedirectUri()
    {
        await using var peer = await OidcProviderPeer.StartAsync(Settings);
        using var browser = new BrokerBrowser(peer);

        var callback = await browser.CancelAsync();

        Assert.Equal("access_denied", callback["error"]);
        Assert.Equal(browser.State, callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    /// <summary>The portal's side of one authorization, with the cookies a browser would keep.</summary>
    private sealed class BrokerBrowser : IDisposable
    {
        private readonly OidcProviderPeer _peer;
        private readonly HttpClient _http;
        private readonly string _codeVerifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

        public BrokerBrowser(OidcProviderPeer peer)
        {
            _peer = peer;
            _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri(peer.Issuer),
                Timeout = TimeSpan.FromSeconds(15),
            };
        }

        public string State { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

        public string Nonce { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

        public Task<Dictionary<string, string>> LogInAsync(string login) =>
            SubmitBankPageAsync(new() { ["login"] = login, ["password"] = "wat-dan-ook", ["action"] = "login" });

        public Task<Dictionary<string, string>> CancelAsync() =>
            SubmitBankPageAsync(new() { ["action"] = "cancel" });

        public async Task<TokenResponse> RedeemAsync(string code)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _peer.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["redirect_uri"] = RedirectUri,
                    ["code_verifier"] = _codeVerifier,
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(ClientSecret))));
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new TokenResponse(response.StatusCode, JsonDocument.Parse(body));
        }

        public void Dispose() => _http.Dispose();

        /// <summary>Starts the authorization, posts the bank page and follows redirects up to the redirect_uri.</summary>
        private async Task<Dictionary<string, string>> SubmitBankPageAsync(Dictionary<string, string> form)
        {
            var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(_codeVerifier)));
            var authorize = _peer.AuthorizationEndpoint + "?" + string.Join("&", new Dictionary<string, string>
            {
                ["client_id"] = ClientId,
                ["redirect_uri"] = RedirectUri,
                ["response_type"] = "code",
                ["scope"] = "openid idin",
                ["state"] = State,
                ["nonce"] = Nonce,
                ["code_challenge"] = challenge,
                ["code_challenge_method"] = "S256",
            }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

            var interaction = await FollowAsync(authorize);
            Assert.Contains("/interaction/", interaction.AbsolutePath, StringComparison.Ordinal);
            var page = await _http.GetStringAsync(interaction);
            Assert.Contains("Bank simulator", page, StringComparison.Ordinal);
            var action = Regex.Match(page, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value;
            Assert.Equal(interaction.AbsolutePath, action);

            using var posted = await _http.PostAsync(action, new FormUrlEncodedContent(form));
            var callback = await FollowAsync(await LocationAsync(posted));
            Assert.StartsWith(RedirectUri + "?", callback.AbsoluteUri, StringComparison.Ordinal);
            return callback.Query.TrimStart('?').Split('&')
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
        }

        /// <summary>Follows the peer's redirects until one leaves the peer (to the redirect_uri) or lands on a page.</summary>
        private async Task<Uri> FollowAsync(string url)
        {
            var current = new Uri(new Uri(_peer.Issuer), url);
            for (var hop = 0; hop < 10; hop++)
            {
                if (current.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
                {
                    return current;
                }

                using var response = await _http.GetAsync(current);
                if ((int)response.StatusCode is < 300 or >= 400)
                {
                    return current;
                }

                current = new Uri(current, await LocationAsync(response));
            }

            throw new InvalidOperationException($"Too many redirects, last {current}.\n{_peer.Output}");
        }

        private async Task<string> LocationAsync(HttpResponseMessage response)
        {
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is null)
            {
                var body = await response.Content.ReadAsStringAsync();
                throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}:\n{body}\n{_peer.Output}");
            }

            return response.Headers.Location.OriginalString;
        }
    }

    private sealed record TokenResponse(HttpStatusCode Status, JsonDocument Json) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
