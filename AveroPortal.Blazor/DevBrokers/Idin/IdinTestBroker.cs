using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>
/// Development only: an OpenID Connect provider inside the portal that plays iDIN broker and bank at once, so
/// `dotnet run` shows the whole iDIN flow. Code flow with PKCE S256 and nothing else; the signing key lives in memory,
/// so every token dies with the process. Endpoints: <see cref="IdinTestBrokerEndpoints"/>; codes and tokens:
/// <see cref="IdinTestBrokerTokens"/>.
/// </summary>
internal sealed class IdinTestBroker : IDisposable
{
    public const string BasePath = "/dev/idin-broker";
    public const string Acr = "urn:nl:bvn:bankid:1.0:loa3";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, IdinTestBrokerPendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly IdinTestBrokerKey _key = new();
    private readonly IdinTestBrokerTokens _tokens;
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
        _tokens = new IdinTestBrokerTokens(options, clock, _key, Issuer);
    }

    public string Issuer { get; }

    public string KeyId => _key.KeyId;

    /// <summary>Who can "log in at the bank", against the seeded customers of <c>DemoSeeder</c>.</summary>
    public static IReadOnlyList<IdinTestBrokerIdentity> Identities { get; } =
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
        ["claims_supported"] = new JsonArray([.. _tokens.ClaimsOf(Identities[0].Person, includeEmpty: true).Select(c => (JsonNode?)c.Name)]),
    };

    public JsonObject Jwks() => _key.Jwks();

    /// <summary>
    /// Checks an authorize request. On failure the problem is for a 400 page: the redirect_uri is not trusted yet, so
    /// nothing goes back to it.
    /// </summary>
    public IdinTestBrokerPendingRequest? Begin(IdinTestBrokerAuthorizeRequest request, out string problem)
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
        var pending = new IdinTestBrokerPendingRequest(IdinTestBrokerTokens.NewSecret(), request.ClientId!, request.RedirectUri!, request.State,
            request.Nonce, request.CodeChallenge!, BankName(request.BankHint), _clock.GetUtcNow());
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
            query.Add("code=" + _tokens.IssueCode(pending, person!));
        }

        if (pending.State is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(pending.State));
        }

        return pending.RedirectUri + "?" + string.Join('&', query);
    }

    /// <inheritdoc cref="IdinTestBrokerTokens.Redeem"/>
    public IdinTestBrokerTokenResult Redeem(IdinTestBrokerTokenRequest request)
    {
        var result = _tokens.Redeem(request);
        if (result.StatusCode == 200)
        {
            // The tokens swept their own stores before issuing; a redeemed code is the moment to forget old requests too.
            SweepPending();
        }

        return result;
    }

    /// <inheritdoc cref="IdinTestBrokerTokens.UserInfo"/>
    public JsonObject? UserInfo(string? accessToken) => _tokens.UserInfo(accessToken);

    public void Dispose() => _key.Dispose();

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

    private bool Expired(DateTimeOffset since, TimeSpan lifetime) => _clock.GetUtcNow() - since >= lifetime;

    /// <summary>Forgets abandoned requests, codes and tokens, so a long-running dev server does not collect them.</summary>
    private void Sweep()
    {
        SweepPending();
        _tokens.Sweep();
    }

    private void SweepPending()
    {
        foreach (var (key, pending) in _pending.Where(p => Expired(p.Value.ReceivedAt, PendingLifetime)))
        {
            _pending.TryRemove(new KeyValuePair<string, IdinTestBrokerPendingRequest>(key, pending));
        }
    }
}
