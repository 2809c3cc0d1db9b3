using System.Globalization;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using AveroPortal.Core.RateLimits;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Per client address (the one a trusted proxy reports, see <see cref="ReverseProxy"/>): every request that can write
/// (any method but GET/HEAD/OPTIONS, and the few GETs that write rows) shares one bucket of
/// Avero:Security:LoginRateLimitPerMinute; reading pages stays free. A new form or endpoint is limited without anyone
/// having to remember to add it. Counted by the <see cref="IRateLimitCounter"/> of the database kind: in this process
/// with SQLite, in the shared database with PostgreSQL (so every instance together allows the limit once).
/// </summary>
internal static class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void UseAveroRateLimiting(this WebApplication app)
    {
        var counter = app.Services.GetRequiredService<IRateLimitCounter>();
        var permitsPerMinute = app.Services.GetRequiredService<SecurityOptions>().LoginRateLimitPerMinute;
        // iDIN's options (its callback path) are only registered when iDIN is on.
        var idinCallback = app.Services.GetService<IdinOptions>()?.CallbackPath is { Length: > 0 } path ? path : IdinOptions.DefaultCallbackPath;
        app.Use(async (context, next) =>
        {
            var group = GroupOf(context.Request, idinCallback);
            if (group != Group.Free)
            {
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var (key, permits) = group switch
                {
                    Group.Writes => ("writes:" + ip, permitsPerMinute),
                    // The Development test brokers: their back channel (ArtifactResolve, token) is the portal calling
                    // itself, which must not eat the browser's bucket on a developer's machine.
                    Group.TestBroker => ("testbroker:" + ip, permitsPerMinute),
                    // Every support request (the support pages' own actions and searches are limited per agent
                    // inside the circuit, see AgentRateLimiter).
                    _ => ("support:" + ip, 300),
                };
                var decision = await counter.HitAsync(key, permits, Window, context.RequestAborted);
                if (!decision.Allowed)
                {
                    PortalMetrics.RateLimitRejected(PolicyName(group));
                    // The status-code pages render the Dutch 429 page after this; Retry-After tells a client (or a script) when to come back.
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return;
                }
            }

            await next(context);
        });
    }

    private enum Group { Free, Writes, TestBroker, Support }

    private static string PolicyName(Group group) => group switch
    {
        Group.Writes => "writes",
        Group.TestBroker => "test-broker",
        Group.Support => "support",
        _ => "other",
    };

    private static Group GroupOf(HttpRequest request, string idinCallback)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/testmakelaar") || path.StartsWithSegments(DevBrokers.Idin.IdinTestBroker.BasePath))
        {
            return Group.TestBroker;
        }

        // The circuit's own traffic (negotiate, WebSocket, disconnect) belongs to a page already served.
        var writes = (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && !path.StartsWithSegments("/_blazor"))
            // GETs that write rows: the SAML artifact binding (login event, used assertion ID), the OIDC callback
            // (login event, token request) and the iDIN matching step (login event, session).
            || path.StartsWithSegments("/eherkenning/acs") || path.StartsWithSegments(idinCallback) || path.StartsWithSegments("/idin/verder");
        if (writes)
        {
            return Group.Writes;
        }

        return path.StartsWithSegments("/support") ? Group.Support : Group.Free;
    }
}
