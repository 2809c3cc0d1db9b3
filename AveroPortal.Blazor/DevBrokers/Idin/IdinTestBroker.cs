using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>
/// Development only: an OpenID Connect provider inside the portal that plays iDIN broker and bank at once, so
/// `dotnet run` shows the whole iDIN flow. Code flow with PKCE S256 and nothing else; the signing key lives in memory,
/// so every token dies with the process. Endpoints: <see cref="IdinTestBrokerEndpoints"/>.
/// </summary>
internal sealed class IdinTestBroker : IDisposable
{
    public const string BasePath = "/dev/idin-broker";
    public const string Acr = "urn:nl:bvn:bankid:1.0:loa3";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly RSA _key = RSA.Create(2048);
    private readonly Lock _signing = new();
    private readonly IdinOptions _options;
    private readonly TimeProvider _clock;
    private readonly string _redirectOrigin;

    public IdinTestBroker(IdinOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        Issuer = options.Authority.TrimEnd('/');
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var authority) || !authority.AbsolutePath.EndsWith(BasePath, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"De iDIN-testmakelaar heeft als Avero:Idin:Authority een absolute URL nodig die eindigt op {BasePath}, bijvoorbeeld http://localhost:5000{BasePath}.");
        }

        if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
        {
            throw new InvalidOperationException("De iDIN-testmakelaar heeft Avero:Idin:ClientId en ClientSecret nodig.");
        }

        _redirectOrigin = authority.GetLeftPart(UriPartial.Authority);
        var key = _key.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(key.Modulus);
        Exponent = Base64Url.EncodeToString(key.Exponent);
        // RFC 7638 thumbprint: a kid that names exactly this key.
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"e":"{{Exponent}}","kty":"RSA","n":"{{Modulus}}"}""")));
    }

    public string Issuer { get; }

    public string KeyId { get; }

    private string Modulus { get; }

    private string Exponent { get; }

    /// <summary>Who can "log in at the bank", against the seeded customers of <c>DemoSeeder</c>.</summary>
    public static IReadOnlyList<DemoIdentity> Identities { get; } =
    [
        new("Jan de Vries: gegevens kloppen", new("TESTBIN-JAN-DE-VRIES", "J", "de", "Vries", null, null, null,
            "19750314", "Stationsweg", "12", null, "8911AH", "Leeuwarden", "NL")),
        new("Anna van den Berg: verhuisd, adres wijkt af", new("TESTBIN-ANNA-VAN-DEN-BERG", "AM", "van den", "Berg", null, null, null,
            "19881102", "Herestraat", "40", null, "9711LM", "Groningen", "NL")),
        new("Pieter Smit: geboortedatum wijkt af", new("TESTBIN-PIETER-SMIT", "P", null, "Smit", null, null, null,
            "19610712", "Dorpsstraat", "101", null, "8501AB", "Joure", "NL")),
        new("Klaas Postma: onbekend bij Avéro", new("TESTBIN-KLAAS-POSTMA", "K", null, "Postma", null, null, null,
            "19900105", "Nieuwestad", "7", "B", "8911CK", "Leeuwarden", "NL")),
    ];

    public sealed record DemoIdentity(string Label, IdinBankIdentity Person);

    /// <param name="BankHint">The value of the configured bank parameter, if the request had it.</param>
    public sealed record AuthorizeRequest(string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State,
        string? Nonce, string? CodeChallenge, string? CodeChallengeMethod, string? BankHint);

    /// <param name="Handle">Random, single use, and the only way to answer this request: it is also the form's CSRF token.</param>
    /// <param name="BankName">What the simulator shows as the chosen bank; null when the portal sent none.</param>
    public sealed record PendingRequest(string Handle, string ClientId, string RedirectUri, string? State, string? Nonce,
        string CodeChallenge, string? BankName, DateTimeOffset ReceivedAt);

    public sealed record TokenRequest(string? GrantType, string? Code, string? RedirectUri, string? CodeVerifier, string? ClientId, string? ClientSecret);

    /// <summary>An OAuth answer: the token response (200) or {error} with 400/401.</summary>
    public sealed record TokenResult(int StatusCode, JsonObject Body);

    private sealed record IssuedCode(PendingRequest Request, IdinBankIdentity Person, DateTimeOffset IssuedAt);

    private sealed record IssuedToken(IdinBankIdentity Person, DateTimeOffset ExpiresAt);

    public JsonObject Discovery() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["response_modes_supported"] = new JsonArray("query"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["scopes_supported"] = new JsonArray([.. _options.Scopes.Prepend("openid").Distinct().Select(s => (JsonNode?)s)]),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
        ["acr_values_supported"] = new JsonArray(Acr),
        ["claims_supported"] = new JsonArray([.. ClaimsOf(Identities[0].Person, includeEmpty: true).Select(c => (JsonNode?)c.Name)]),
    };

    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Modulus,
            ["e"] = Exponent,
        }),
    };

    /// <summary>
    /// Checks an authorize request. On failure the problem is for a 400 page: the redirect_uri is not trusted yet, so
    /// nothing goes back to it.
    /// </summary>
    public PendingRequest? Begin(AuthorizeRequest request, out string problem)
    {
        problem = request switch
        {
            { ClientId: var id } when id != _options.ClientId => "onbekende client_id",
            { RedirectUri: var uri } when !IsOurCallback(uri) => $"redirect_uri moet {_redirectOrigin}…{_options.CallbackPath} zijn",
            { ResponseType: not "code" } => "response_type moet code zijn",
            { Scope: var scope } when scope?.Split(' ').Contains("openid") != true => "scope moet openid bevatten",
            { CodeChallengeMethod: not "S256" } => "PKCE is verplicht: code_challenge_method moet S256 zijn",
            { CodeChallenge: var challenge } when challenge is not { Length: 43 } || !Base64Url.IsValid(challenge)
                => "PKCE is verplicht: code_challenge ontbreekt of is geen S256-waarde",
            _ => "",
        };
        if (problem.Length > 0)
        {
            return null;
        }

        Sweep();
        var pending = new PendingRequest(NewSecret(), request.ClientId!, request.RedirectUri!, request.State, request.Nonce,
            request.CodeChallenge!, BankName(request.BankHint), _clock.GetUtcNow());
        _pending[pending.Handle] = pending;
        return pending;
    }

    /// <summary>The bank's answer as the URL to send the browser to, or null (with a problem) when there is nothing to answer.</summary>
    public string? Answer(string? handle, string? bin, bool cancelled, out string problem)
    {
        problem = "";
        var person = Identities.FirstOrDefault(i => i.Person.Bin == bin)?.Person;
        if (!cancelled && person is null)
        {
            problem = "kies een van de testpersonen";
            return null;
        }

        if (handle is null || !_pending.TryRemove(handle, out var pending) || Expired(pending.ReceivedAt, PendingLifetime))
        {
            problem = "dit verzoek is verlopen of al beantwoord; begin opnieuw in het portaal";
            return null;
        }

        var query = new List<string>();
        if (cancelled)
        {
            query.Add("error=access_denied");
            query.Add("error_description=" + Uri.EscapeDataString("De klant heeft het inloggen bij de bank geannuleerd."));
        }
        else
        {
            var code = NewSecret();
            _codes[code] = new IssuedCode(pending, person!, _clock.GetUtcNow());
            query.Add("code=" + code);
        }

        if (pending.State is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(pending.State));
        }

        return pending.RedirectUri + "?" + string.Join('&', query);
    }

    /// <summary>The token endpoint: client authentication, then a single-use, bound, PKCE-checked code.</summary>
    public TokenResult Redeem(TokenRequest request)
    {
        if (request.ClientId != _options.ClientId || !SecretMatches(request.ClientSecret))
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
        var now = _clock.GetUtcNow();
        var accessToken = NewSecret();
        _accessTokens[accessToken] = new IssuedToken(issued.Person, now + TokenLifetime);
        return new TokenResult(200, new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["id_token"] = IdToken(issued, accessToken, now),
        });
    }

    /// <summary>The userinfo answer for a live access token, or null.</summary>
    public JsonObject? UserInfo(string? accessToken)
    {
        if (accessToken is null || !_accessTokens.TryGetValue(accessToken, out var token) || _clock.GetUtcNow() >= token.ExpiresAt)
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

    public void Dispose() => _key.Dispose();

    private string IdToken(IssuedCode issued, string accessToken, DateTimeOffset now)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in ClaimsOf(issued.Person))
        {
            payload[name] = value;
        }

        // The registered claims last, so no configured claim name can overwrite them.
        payload["iss"] = Issuer;
        payload["sub"] = issued.Person.Bin;
        payload["aud"] = issued.Request.ClientId;
        payload["iat"] = now.ToUnixTimeSeconds();
        payload["auth_time"] = now.ToUnixTimeSeconds();
        payload["exp"] = (now + TokenLifetime).ToUnixTimeSeconds();
        payload["acr"] = Acr;
        payload["at_hash"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        if (issued.Request.Nonce is not null)
        {
            payload["nonce"] = issued.Request.Nonce;
        }

        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT" };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        byte[] signature;
        lock (_signing)
        {
            signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private IEnumerable<(string Name, string? Value)> ClaimsOf(IdinBankIdentity p, bool includeEmpty = false)
    {
        var n = _options.Claims;
        (string Name, string? Value)[] all =
        [
            (n.Bin, p.Bin), (n.Initials, p.Initials), (n.LegalLastNamePrefix, p.LegalLastNamePrefix), (n.LegalLastName, p.LegalLastName),
            (n.PartnerLastNamePrefix, p.PartnerLastNamePrefix), (n.PartnerLastName, p.PartnerLastName), (n.PreferredLastName, p.PreferredLastName),
            (n.DateOfBirth, p.DateOfBirth), (n.Street, p.Street), (n.HouseNumber, p.HouseNumber), (n.HouseNumberSuffix, p.HouseNumberSuffix),
            (n.Postcode, p.Postcode), (n.City, p.City), (n.Country, p.Country),
        ];
        return all.Where(c => !string.IsNullOrEmpty(c.Name) && (includeEmpty || c.Value is not null));
    }

    private bool IsOurCallback(string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.GetLeftPart(UriPartial.Authority) == _redirectOrigin
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.AbsolutePath.EndsWith(_options.CallbackPath, StringComparison.Ordinal);

    private string? BankName(string? hint)
    {
        if (string.IsNullOrEmpty(_options.BankParameter) || hint is null)
        {
            return null;
        }

        var bank = _options.Banks.FirstOrDefault(b => string.Format(CultureInfo.InvariantCulture, _options.BankParameterFormat, b.Id) == hint);
        return bank?.Name ?? $"onbekende bank ({hint})";
    }

    // Hashes first: equal lengths, so the comparison time says nothing about the secret's length either.
    private bool SecretMatches(string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Sha256(secret), Sha256(_options.ClientSecret));

    private static bool VerifierMatches(string? verifier, string challenge) =>
        verifier is { Length: >= 43 and <= 128 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Sha256(verifier))), Encoding.ASCII.GetBytes(challenge));

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private bool Expired(DateTimeOffset since, TimeSpan lifetime) => _clock.GetUtcNow() - since >= lifetime;

    /// <summary>Forgets abandoned requests, codes and tokens, so a long-running dev server does not collect them.</summary>
    private void Sweep()
    {
        foreach (var (key, pending) in _pending.Where(p => Expired(p.Value.ReceivedAt, PendingLifetime)))
        {
            _pending.TryRemove(new KeyValuePair<string, PendingRequest>(key, pending));
        }

        foreach (var (key, code) in _codes.Where(c => Expired(c.Value.IssuedAt, CodeLifetime)))
        {
            _codes.TryRemove(new KeyValuePair<string, IssuedCode>(key, code));
        }

        foreach (var (key, token) in _accessTokens.Where(t => _clock.GetUtcNow() >= t.Value.ExpiresAt))
        {
            _accessTokens.TryRemove(new KeyValuePair<string, IssuedToken>(key, token));
        }
    }

    private static TokenResult Error(int status, string error) => new(status, new JsonObject { ["error"] = error });

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
