using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace AveroPortal.Tests.Peers;

// The peer's configuration as server.js reads it.
public sealed partial class OidcProviderPeer
{
    private static string ConfigJson(OidcPeerSettings settings, int port, RSA signingKey, string keyId)
    {
        var claimNames = settings.ClaimNames.Count > 0
            ? settings.ClaimNames
            : settings.Identities.Values.SelectMany(identity => identity.Claims.Keys).Distinct(StringComparer.Ordinal).ToList();
        var key = signingKey.ExportParameters(includePrivateParameters: true);
        var config = new Dictionary<string, object?>
        {
            ["port"] = port,
            ["issuer"] = $"http://127.0.0.1:{port}",
            ["clients"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["client_id"] = settings.ClientId,
                    ["client_secret"] = settings.ClientSecret,
                    ["redirect_uris"] = settings.RedirectUris,
                    ["response_types"] = new[] { "code" },
                    ["grant_types"] = new[] { "authorization_code" },
                    ["token_endpoint_auth_method"] = settings.TokenEndpointAuthMethod,
                    ["id_token_signed_response_alg"] = "RS256",
                },
            },
            ["jwks"] = new Dictionary<string, object?>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["kty"] = "RSA",
                        ["kid"] = keyId,
                        ["alg"] = "RS256",
                        ["use"] = "sig",
                        ["n"] = Base64Url.EncodeToString(key.Modulus),
                        ["e"] = Base64Url.EncodeToString(key.Exponent),
                        ["d"] = Base64Url.EncodeToString(key.D),
                        ["p"] = Base64Url.EncodeToString(key.P),
                        ["q"] = Base64Url.EncodeToString(key.Q),
                        ["dp"] = Base64Url.EncodeToString(key.DP),
                        ["dq"] = Base64Url.EncodeToString(key.DQ),
                        ["qi"] = Base64Url.EncodeToString(key.InverseQ),
                    },
                },
            },
            ["identities"] = settings.Identities.ToDictionary(
                pair => pair.Key,
                pair => new Dictionary<string, object?>
                {
                    ["sub"] = pair.Value.Sub,
                    ["claims"] = pair.Value.Claims,
                    ["acr"] = pair.Value.Acr,
                }),
            ["claimNames"] = claimNames,
            ["cookieKeys"] = new[] { Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        };
        return JsonSerializer.Serialize(config);
    }
}
