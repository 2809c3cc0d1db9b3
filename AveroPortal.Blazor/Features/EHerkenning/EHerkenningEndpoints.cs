using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Microsoft.AspNetCore.Mvc;

namespace AveroPortal.Blazor.Features.EHerkenning;

internal static class EHerkenningEndpoints
{
    private const string CorrelationCookie = "Avero.eHerkenning";
    private const long MaxMessageBytes = 1024 * 1024;
    private const int MaxQueryLength = 8192;

    public static void MapEHerkenningEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<EHerkenningOptions>() is not { } options)
        {
            return;
        }

        // [FromForm] makes the endpoint check the anti-forgery token of the information page's form.
        app.MapPost("/eherkenning/login", async (HttpContext http, EHerkenningLogin login, Extensions.ContentSecurityPolicy policy, [FromForm] string? start) =>
        {
            if (await login.BeginAsync() is not { } begin)
            {
                // No trusted broker metadata (logged by the login): nothing to send the browser to.
                return Results.Redirect(FailurePage + "fout");
            }

            http.Response.Cookies.Append(CorrelationCookie, begin.Correlation, new CookieOptions
            {
                HttpOnly = true,
                Path = "/eherkenning",
                MaxAge = EHerkenningOptions.RequestLifetime,
                // A POSTed response from another site only carries a SameSite=None cookie, which needs HTTPS.
                SameSite = http.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                IsEssential = true,
            });
            http.Response.Headers.CacheControl = "no-store";
            // This page's form, and only this page's, posts to the broker.
            http.Response.Headers.ContentSecurityPolicy = policy.ForFormPostTo(begin.Destination);
            return Results.Content(AutoPostForm(begin.Destination, begin.SamlRequest, begin.RelayState), "text/html; charset=utf-8");
        });

        app.MapMethods("/eherkenning/acs", [HttpMethods.Get, HttpMethods.Post], AcsAsync).DisableAntiforgery();

        app.MapGet("/eherkenning/metadata", (TimeProvider clock) =>
            Results.Content(SpMetadata.EntityDescriptor(options, clock.GetUtcNow()), "application/samlmetadata+xml; charset=utf-8"));
        app.MapGet("/eherkenning/dienstencatalogus", (TimeProvider clock) =>
            Results.Content(SpMetadata.ServiceCatalogue(options, clock.GetUtcNow()), "application/xml; charset=utf-8"));
    }

    private static async Task<IResult> AcsAsync(HttpContext http, EHerkenningLogin login, ILogger<EHerkenningLogin> logger)
    {
        var read = await ReadAcsMessageAsync(http.Request);
        if (read.Problem is { } problem)
        {
            // Refused before anything is parsed or stored; the log names the reason, the browser gets the SAML failure page.
            logger.LogWarning("eHerkenning ACS refused the request: {Reason}", problem);
            return Results.Redirect(FailurePage + "fout");
        }

        var correlation = http.Request.Cookies[CorrelationCookie];
        http.Response.Cookies.Delete(CorrelationCookie, new CookieOptions { Path = "/eherkenning" });
        var client = SessionCookie.ClientOf(http);
        var result = await login.CompleteAsync(read.Artifact, read.Response, read.RelayState, correlation, client);

        if (result.Outcome == EHerkenningOutcome.SignedIn)
        {
            await SessionCookie.SignInEHerkenningAsync(http, result.Identity!);
            return Results.Redirect("/mijn-overzicht");
        }

        var reason = result.Outcome switch
        {
            EHerkenningOutcome.Cancelled => "afgebroken",
            EHerkenningOutcome.LevelTooLow => "niveau",
            EHerkenningOutcome.KvkNotInsured => "kvk",
            _ => "fout",
        };
        return Results.Redirect(FailurePage + reason);
    }

    private const string FailurePage = "/inloggen/eherkenning/mislukt?reden=";

    private sealed record AcsMessage(string? Artifact, string? Response, string? RelayState, string? Problem);

    /// <summary>
    /// SAMLart and RelayState may come in the query (HTTP-Artifact by redirect) or a url-encoded form (HTTP-POST),
    /// SAMLResponse only in the form; each once, in one place, without control characters, within the size limit.
    /// </summary>
    private static async Task<AcsMessage> ReadAcsMessageAsync(HttpRequest request)
    {
        static AcsMessage Refused(string problem) => new(null, null, null, problem);
        if (request.QueryString.Value?.Length > MaxQueryLength)
        {
            return Refused($"query string of {request.QueryString.Value.Length} characters exceeds {MaxQueryLength}");
        }

        if (request.ContentLength > MaxMessageBytes)
        {
            return Refused($"oversized message: {request.ContentLength} bytes exceeds the limit of {MaxMessageBytes}");
        }

        var query = request.Query;
        if (query.ContainsKey("SAMLResponse"))
        {
            return Refused("SAMLResponse in the query string (the HTTP-Redirect binding is not accepted for responses)");
        }

        IFormCollection form = FormCollection.Empty;
        if (HttpMethods.IsPost(request.Method))
        {
            var posted = await ProtocolForm.ReadAsync(request, MaxMessageBytes);
            if (posted.Problem is { } problem)
            {
                return Refused(problem);
            }

            form = posted.Form!;
        }

        string? Value(string name, out string? problem)
        {
            problem = null;
            var fromQuery = query[name];
            var fromForm = form[name];
            if (fromQuery.Count + fromForm.Count > 1)
            {
                problem = $"{name} occurs {fromQuery.Count + fromForm.Count} times";
                return null;
            }

            var value = fromQuery.Count == 1 ? fromQuery[0] : fromForm.Count == 1 ? fromForm[0] : null;
            if (value is not null && ProtocolForm.HasControlCharacter(value))
            {
                problem = $"control character in {name}";
                return null;
            }

            // Base64 and our own request ids: a character outside ASCII (a replacement for invalid UTF-8 among them) is never ours.
            if (value is not null && !System.Text.Ascii.IsValid(value))
            {
                problem = $"non-ASCII character in {name}";
                return null;
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        var artifact = Value("SAMLart", out var artifactProblem);
        var response = Value("SAMLResponse", out var responseProblem);
        var relayState = Value("RelayState", out var relayProblem);
        return (artifactProblem ?? responseProblem ?? relayProblem) is { } found
            ? Refused(found)
            : new AcsMessage(artifact, response, relayState, null);
    }

    /// <summary>
    /// The HTTP-POST binding: a form that submits itself (autopost.js: the policy allows no inline script), with a
    /// button for browsers without JavaScript.
    /// </summary>
    private static string AutoPostForm(string destination, string samlRequest, string relayState)
    {
        static string E(string value) => System.Net.WebUtility.HtmlEncode(value);
        return $$"""
            <!DOCTYPE html>
            <html lang="nl">
            <head><meta charset="utf-8"><title>Doorsturen naar eHerkenning</title></head>
            <body>
            <form method="post" action="{{E(destination)}}">
            <input type="hidden" name="SAMLRequest" value="{{E(samlRequest)}}">
            <input type="hidden" name="RelayState" value="{{E(relayState)}}">
            <noscript><p>U wordt doorgestuurd naar eHerkenning.</p></noscript>
            <button type="submit">Doorgaan naar eHerkenning</button>
            </form>
            <script src="/autopost.js"></script>
            </body>
            </html>
            """;
    }
}
