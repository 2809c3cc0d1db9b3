using AveroPortal.Blazor.Login;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Microsoft.AspNetCore.Mvc;

namespace AveroPortal.Blazor.EHerkenning;

internal static class EHerkenningEndpoints
{
    private const string CorrelationCookie = "Avero.eHerkenning";
    private const long MaxMessageBytes = 1024 * 1024;

    public static void MapEHerkenningEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<EHerkenningOptions>() is not { } options)
        {
            return;
        }

        // [FromForm] makes the endpoint check the anti-forgery token of the information page's form.
        app.MapPost("/eherkenning/login", async (HttpContext http, EHerkenningLogin login, Extensions.ContentSecurityPolicy policy, [FromForm] string? start) =>
        {
            var begin = await login.BeginAsync();
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

    private static async Task<IResult> AcsAsync(HttpContext http, EHerkenningLogin login)
    {
        // Refuse big messages before anything parses them.
        if (http.Request.ContentLength > MaxMessageBytes || http.Request.QueryString.Value?.Length > 8192)
        {
            return Results.Redirect("/inloggen/eherkenning/mislukt?reden=fout");
        }

        string? artifact = http.Request.Query["SAMLart"];
        string? response = null;
        string? relayState = http.Request.Query["RelayState"];
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                ValueLengthLimit = (int)MaxMessageBytes,
                MultipartBodyLengthLimit = MaxMessageBytes,
            });
            artifact ??= form["SAMLart"];
            response = form["SAMLResponse"];
            relayState ??= form["RelayState"];
        }

        var correlation = http.Request.Cookies[CorrelationCookie];
        http.Response.Cookies.Delete(CorrelationCookie, new CookieOptions { Path = "/eherkenning" });
        var client = SessionCookie.ClientOf(http);
        var result = !string.IsNullOrEmpty(artifact)
            ? await login.CompleteArtifactAsync(artifact, relayState, correlation, client)
            : await login.CompletePostAsync(response, relayState, correlation, client);

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
        return Results.Redirect("/inloggen/eherkenning/mislukt?reden=" + reason);
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
