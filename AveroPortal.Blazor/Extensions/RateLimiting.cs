using System.Globalization;
using System.Threading.RateLimiting;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using Microsoft.AspNetCore.RateLimiting;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Per client address (the one a trusted proxy reports, see <see cref="ReverseProxy"/>): every request that can write
/// (any method but GET/HEAD/OPTIONS, and the few GETs that write rows) shares one bucket of
/// Avero:Security:LoginRateLimitPerMinute; reading pages stays free. A new form or endpoint is limited without anyone
/// having to remember to add it.
/// </summary>
internal static class RateLimiting
{
    public static void AddAveroRateLimiting(this WebApplicationBuilder builder, SecurityOptions security)
    {
        var permitsPerMinute = security.LoginRateLimitPerMinute;
        builder.Services.AddRateLimiter(_ => { });
        // iDIN's options (its callback path) are registered later in start-up, and only when iDIN is on.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, services) =>
        {
            var idinCallback = services.GetService<IdinOptions>()?.CallbackPath is { Length: > 0 } path ? path : IdinOptions.DefaultCallbackPath;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                // The status-code pages render the Dutch 429 page after this; Retry-After tells a client (or a script) when to come back.
                PortalMetrics.RateLimitRejected(PolicyName(GroupOf(context.HttpContext.Request, idinCallback)));
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return GroupOf(context.Request, idinCallback) switch
                {
                    Group.Writes => PerMinute("writes:" + ip, permitsPerMinute),
                    // The Development test brokers: their back channel (ArtifactResolve, token) is the portal calling
                    // itself, which must not eat the browser's bucket on a developer's machine.
                    Group.TestBroker => PerMinute("testbroker:" + ip, permitsPerMinute),
                    // Every support request (the support pages' own actions and searches are limited per agent
                    // inside the circuit, see AgentRateLimiter).
                    Group.Support => PerMinute("support:" + ip, 300),
                    _ => RateLimitPartition.GetNoLimiter("free"),
                };
            });
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

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
