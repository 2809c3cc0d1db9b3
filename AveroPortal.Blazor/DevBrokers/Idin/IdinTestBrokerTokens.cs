using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>
/// The token side of <see cref="IdinTestBroker"/>: the codes the bank's answer issues, the token endpoint that redeems
/// them for a signed ID token, and the access tokens userinfo answers.
/// </summary>
internal sealed class IdinTestBrokerTokens(IdinOptions options, TimeProvider clock, IdinTestBrokerKey signingKey, string issuer)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _accessTokens = new(StringComparer.Ordinal);

    private sealed record IssuedCode(IdinTestBrokerPendingRequest Request, IdinBankIdentity Person, DateTimeOffset IssuedAt);

    private sealed record IssuedToken(IdinBankIdentity Person, DateTimeOffset ExpiresAt);

    /// <summary>A single-use code for the person the bank confirmed, bound to the request it answers.</summary>
    public string IssueCode(IdinTestBrokerPendingRequest pending, IdinBankIdentity person)
    {
        var code = NewSecret();
        _codes[code] = new IssuedCode(pending, person, clock.GetUtcNow());
        return code;
    }

    /// <summary>The token endpoint: client authentication, then a single-use, bound, PKCE-checked code.</summary>
    public IdinTestBrokerTokenResult Redeem(IdinTestBrokerTokenRequest request)
    {
        if (request.ClientId != options.ClientId || !SecretMatches(request.ClientSecret))
        {
            return Error(401, "invalid_client");
        }

        if (request.GrantType != "authorization_code")
        {
            return Error(400, "unsupported_grant_type");
        }

        // Removed before any other check: a code is spent by its first use, also a failed one.
        if (request.Code is null || !_codes.TryRemove(request.Code, out var issued) || Expired(issued.IssuedAt, CodeLifetime)
            || issued.Request.ClientId != request.ClientId || issued.Request.RedirectUri != request.RedirectUri
            || !VerifierMatches(request.CodeVerifier, issued.Request.CodeChallenge))
        {
            return Error(400, "invalid_grant");
        }

        Sweep();
        var now = clock.GetUtcNow();
        var accessToken = NewSecret();
        _accessTokens[accessToken] = new IssuedToken(issued.Person, now + IdinTestBroker.TokenLifetime);
        return new IdinTestBrokerTokenResult(200, new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)IdinTestBroker.TokenLifetime.TotalSeconds,
            ["id_token"] = IdToken(issued, accessToken, now),
        });
    }

    /// <summary>The userinfo answer for a live access token, or null.</summary>
    public JsonObject? UserInfo(string? accessToken)
    {
        if (accessToken is null || !_accessTokens.TryGetValue(accessToken, out var token) || clock.GetUtcNow() >= token.ExpiresAt)
        {
            return null;
        }

        var claims = new JsonObject();
        foreach (var (name, value) in ClaimsOf(token.Person))
        {
            claims[name] = value;
        }

        claims["sub"] = token.Person.Bin;
        return claims;
    }

    /// <summary>The person's claims under the configured names; a name configured empty is left out.</summary>
    public IEnumerable<(string Name, string? Value)> ClaimsOf(IdinBankIdentity p, bool includeEmpty = false)
    {
        var n = options.Claims;
        (string Name, string? Value)[] all =
        [
            (n.Bin, p.Bin), (n.Initials, p.Initials), (n.LegalLastNamePrefix, p.LegalLastNamePrefix), (n.LegalLastName, p.LegalLastName),
            (n.PartnerLastNamePrefix, p.PartnerLastNamePrefix), (n.PartnerLastName, p.PartnerLastName), (n.PreferredLastName, p.PreferredLastName),
            (n.DateOfBirth, p.DateOfBirth), (n.Street, p.Street), (n.HouseNumber, p.HouseNumber), (n.HouseNumberSuffix, p.HouseNumberSuffix),
            (n.Postcode, p.Postcode), (n.City, p.City), (n.Country, p.Country),
        ];
        return all.Where(c => !string.IsNullOrEmpty(c.Name) && (includeEmpty || c.Value is not null));
    }

    /// <summary>Forgets expired codes and tokens, so a long-running dev server does not collect them.</summary>
    public void Sweep()
    {
        foreach (var (key, code) in _codes.Where(c => Expired(c.Value.IssuedAt, CodeLifetime)))
        {
            _codes.TryRemove(new KeyValuePair<string, IssuedCode>(key, code));
        }

        foreach (var (key, token) in _accessTokens.Where(t => clock.GetUtcNow() >= t.Value.ExpiresAt))
        {
            _accessTokens.TryRemove(new KeyValuePair<string, IssuedToken>(key, token));
        }
    }

    /// <summary>256 random bits, URL-safe: the broker's handles, codes and access tokens.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private string IdToken(IssuedCode issued, string accessToken, DateTimeOffset now)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in ClaimsOf(issued.Person))
        {
            payload[name] = value;
        }

        // The registered claims last, so no configured claim name can overwrite them.
        payload["iss"] = issuer;
        payload["sub"] = issued.Person.Bin;
        payload["aud"] = issued.Request.ClientId;
        payload["iat"] = now.ToUnixTimeSeconds();
        payload["auth_time"] = now.ToUnixTimeSeconds();
        payload["exp"] = (now + IdinTestBroker.TokenLifetime).ToUnixTimeSeconds();
        payload["acr"] = IdinTestBroker.Acr;
        payload["at_hash"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        if (issued.Request.Nonce is not null)
        {
            payload["nonce"] = issued.Request.Nonce;
        }

        return signingKey.Sign(payload);
    }

    // Hashes first: equal lengths, so the comparison time says nothing about the secret's length either.
    private bool SecretMatches(string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Sha256(secret), Sha256(options.ClientSecret));

    private static bool VerifierMatches(string? verifier, string challenge) =>
        verifier is { Length: >= 43 and <= 128 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Sha256(verifier))), Encoding.ASCII.GetBytes(challenge));

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private bool Expired(DateTimeOffset since, TimeSpan lifetime) => clock.GetUtcNow() - since >= lifetime;

    private static IdinTestBrokerTokenResult Error(int status, string error) => new(status, new JsonObject { ["error"] = error });
}
