using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing.Template;

namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Runs inside the status-code pages (so an empty 4xx set here gets the Dutch page) and outside everything else:
/// refuses what <see cref="RequestLineChecks"/> marked, turns a framework's bad-request exception or its English
/// plain-text answer into the Dutch page, answers other methods with the Dutch 405 page, and logs every refusal.
/// </summary>
internal static class BadRequestPages
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        if (BadRequests.IsErrorPage(context))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<Refusal>() is { } early)
        {
            early.Apply(context, logger);
            return;
        }

        // Blazor (a page's form post) and SignalR (the circuit's transport, but for its WebSocket) answer some
        // requests with an English plain-text sentence.
        var page = HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        var circuit = context.Request.Path.StartsWithSegments("/_blazor") && !context.WebSockets.IsWebSocketRequest;
        var filter = page || circuit ? new PlainTextErrorFilter(context.Response) : null;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel (a body that breaks off, is too large or too slow) and, in Development, minimal APIs
            // (RouteHandlerOptions.ThrowOnBadRequest) throw these; they are the client's fault, not a 500.
            // Not Response.Clear(): that would drop the security headers set further out.
            context.Response.ContentType = null;
            context.Response.ContentLength = null;
            new Refusal(e.StatusCode, "verzoek onleesbaar: " + e.Message).Apply(context, logger);
            return;
        }
        catch (Exception e) when (IsHashingBusy(e) && !context.Response.HasStarted)
        {
            // Every turn at the password hasher stayed taken (PasswordHashing.EnterAsync): nothing was counted or
            // stored yet, so the Dutch "te druk" page and a moment's wait are the whole answer.
            context.Response.ContentType = null;
            context.Response.ContentLength = null;
            context.Response.Headers.RetryAfter = BusyRetryAfterSeconds;
            PortalMetrics.PasswordHashRefusedBusy();
            new Refusal(StatusCodes.Status503ServiceUnavailable, "te druk: " + e.Message).Apply(context, logger);
            return;
        }
        finally
        {
            filter?.Detach();
        }

        AfterEndpoint(context, logger, filter, page);
    }

    /// <summary>Seconds a "te druk" answer asks the browser to wait: about the time a full gate takes to clear.</summary>
    private const string BusyRetryAfterSeconds = "5";

    private static bool IsHashingBusy(Exception e) => e switch
    {
        PasswordHashingBusyException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsHashingBusy),
        { InnerException: { } inner } => IsHashingBusy(inner),
        _ => false,
    };

    private static void AfterEndpoint(HttpContext context, ILogger logger, PlainTextErrorFilter? filter, bool page)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            // Routing's Allow also lists the static-file fallback's GET and HEAD for every address; an address only
            // that fallback knows does not exist for any method.
            var allowed = AllowedMethods(context);
            var byRouting = context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null
                && endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;
            if (allowed.Length == 0 && byRouting)
            {
                response.Headers.Remove("Allow");
                response.StatusCode = StatusCodes.Status404NotFound;
                context.Request.Method = HttpMethods.Get;
                return;
            }

            if (allowed.Length > 0)
            {
                response.Headers.Allow = allowed;
            }

            if (HttpMethods.IsOptions(context.Request.Method))
            {
                // OPTIONS asks which methods the address takes; Allow is the answer, there is no page to show.
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            Refusal.Log(context, logger, "methode niet toegestaan (Allow: " + response.Headers.Allow + ")");
            // The status-code pages route the error page with the request's method, and the error page only takes
            // GET and POST: a PUT would meet the 405 again and stay empty. The first checks restore the method.
            context.Request.Method = HttpMethods.Get;
            return;
        }

        if (response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
            || filter is { HeldBack: true })
        {
            var antiforgery = context.Features.Get<IAntiforgeryValidationFeature>();
            string reason;
            if (antiforgery is { IsValid: false })
            {
                reason = "anti-forgery-token ongeldig of ontbreekt: " + antiforgery.Error?.Message;
            }
            else if (filter is not null && response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Blazor's answer to a form name no form on the page has (in Development in English, repeating the
                // submitted value, which the filter held back), or SignalR's to an unknown connection: the Dutch page.
                response.ContentType = null;
                response.ContentLength = null;
                reason = page
                    ? "geen formulier op deze pagina met de opgegeven formuliernaam (_handler)"
                    : "onbekende of onvolledige circuitverbinding";
            }
            else
            {
                reason = response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                    ? "geen formulier (Content-Type: " + (context.Request.ContentType ?? "geen") + ")"
                    : "geweigerd door het endpoint";
            }

            Refusal.Log(context, logger, reason);
        }
    }

    /// <summary>The methods of the endpoints whose pattern matches the path (HEAD with GET, as the first checks answer it).</summary>
    private static string AllowedMethods(HttpContext context)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => p.IsCatchAll)
                || !new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                continue;
            }

            methods.UnionWith(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []);
        }

        if (methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Head);
        }

        string[] usual = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];
        return string.Join(", ", usual.Where(methods.Contains).Concat(methods.Except(usual, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)));
    }
}
