using System.Text;
using AveroPortal.Blazor.Extensions;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Blazor.DevBrokers.Idin;

internal static class IdinTestBrokerEndpoints
{
    /// <summary>Only mapped when the test broker is registered, which start-up allows in Development only.</summary>
    public static void MapIdinTestBroker(this WebApplication app)
    {
        if (app.Services.GetService<IdinTestBroker>() is not { } broker || !app.Environment.IsDevelopment())
        {
            return;
        }

        var options = app.Services.GetRequiredService<Core.Idin.IdinOptions>();
        var group = app.MapGroup(IdinTestBroker.BasePath).AllowAnonymous();

        group.MapGet("/.well-known/openid-configuration", () => Results.Json(broker.Discovery()));
        group.MapGet("/jwks", () => Results.Json(broker.Jwks()));

        group.MapGet("/authorize", (HttpContext http) =>
        {
            var query = http.Request.Query;
            if (query.Any(p => p.Value.Count > 1))
            {
                return Page(http, IdinTestBrokerPage.Refused("een parameter komt meer dan eens voor"), 400);
            }

            string? Value(string name) => One(query[name]);
            var pending = broker.Begin(new IdinTestBrokerAuthorizeRequest(Value("client_id"), Value("redirect_uri"), Value("response_type"),
                Value("scope"), Value("state"), Value("nonce"), Value("code_challenge"), Value("code_challenge_method"),
                string.IsNullOrEmpty(options.BankParameter) ? null : Value(options.BankParameter)), out var problem);
            return pending is null
                ? Page(http, IdinTestBrokerPage.Refused(problem), 400)
                : Page(http, IdinTestBrokerPage.Choose(pending, http.Request.PathBase + IdinTestBroker.BasePath + "/authorize"), 200, pending.RedirectUri);
        });

        // The single-use handle in the form is bound to one pending request and is its CSRF token.
        group.MapPost("/authorize", async (HttpContext http, ILogger<IdinTestBroker> logger) =>
        {
            var posted = await ProtocolForm.ReadAsync(http.Request, MaxFormBytes);
            if (posted.Problem is { } unreadable)
            {
                logger.LogWarning("iDIN test broker refused an authorize post: {Reason}", unreadable);
                return Page(http, IdinTestBrokerPage.Refused("het formulier kon niet worden gelezen"), 400);
            }

            var form = posted.Form!;
            var location = broker.Answer(One(form["handle"]), One(form["identity"]), cancelled: form.ContainsKey("cancel"), out var problem);
            if (location is null)
            {
                logger.LogWarning("iDIN test broker refused an authorize post: {Reason}", problem);
                return Page(http, IdinTestBrokerPage.Refused(problem), 400);
            }

            return Results.Redirect(location);
        }).DisableAntiforgery();

        // Called server to server by the portal's OIDC handler: client authentication replaces anti-forgery.
        group.MapPost("/token", async (HttpContext http, ILogger<IdinTestBroker> logger) =>
        {
            NoStore(http);
            var posted = await ProtocolForm.ReadAsync(http.Request, MaxFormBytes);
            if (posted.Problem is { } unreadable)
            {
                // RFC 6749 section 5.2: a malformed token request is invalid_request, in JSON, with 400.
                logger.LogWarning("iDIN test broker refused a token request: {Reason}", unreadable);
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            var form = posted.Form!;
            var basic = Basic(http.Request.Headers.Authorization);
            if (basic is not null && form.ContainsKey("client_secret"))
            {
                logger.LogWarning("iDIN test broker refused a token request: client authenticated twice (Basic and client_secret)");
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            var result = broker.Redeem(new IdinTestBrokerTokenRequest(One(form["grant_type"]), One(form["code"]), One(form["redirect_uri"]),
                One(form["code_verifier"]), basic?.Id ?? One(form["client_id"]), basic?.Secret ?? One(form["client_secret"])));
            if (result.StatusCode >= 400)
            {
                logger.LogWarning("iDIN test broker refused a token request: {Error}", result.Body["error"]?.ToString());
            }

            if (result.StatusCode == 401 && basic is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"idin-testmakelaar\"";
            }

            return Results.Json(result.Body, statusCode: result.StatusCode);
        }).DisableAntiforgery();

        group.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            NoStore(http);
            var header = http.Request.Headers.Authorization.ToString();
            var claims = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? broker.UserInfo(header["Bearer ".Length..].Trim()) : null;
            if (claims is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Results.Json(new { error = "invalid_token" }, statusCode: 401);
            }

            return Results.Json(claims);
        }).DisableAntiforgery();
    }

    private const long MaxFormBytes = 64 * 1024;

    private static string? One(StringValues values) => values.Count == 1 ? values[0] : null;

    /// <summary>client_secret_basic (RFC 6749 form-encodes id and secret before base64); unreadable: empty, so refused.</summary>
    private static (string Id, string Secret)? Basic(StringValues authorization)
    {
        var header = authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? ("", "") : (System.Net.WebUtility.UrlDecode(decoded[..colon]), System.Net.WebUtility.UrlDecode(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    /// <summary>The simulator page; the form may only post here, and its redirect may only lead to the checked callback.</summary>
    private static IResult Page(HttpContext http, string html, int status, string? redirectUri = null)
    {
        NoStore(http);
        var formTargets = redirectUri is null ? "'self'" : "'self' " + new Uri(redirectUri).GetLeftPart(UriPartial.Authority);
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; form-action {formTargets}; frame-ancestors 'none'; base-uri 'none'";
        http.Response.Headers[HeaderNames.XFrameOptions] = "DENY";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
