using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// Where the login sends a visitor back to. A page asked for by GET is that page. A form post (a colleague action,
/// a passkey registration) went to an address that only takes POST, so coming back to it after the login would be
/// an error page: it comes back to the nearest page at or above that address instead (<c>/collegas/7/intrekken</c> →
/// <c>/collegas</c>), or to the login's default home when there is none. The Referer can not say where the post came
/// from: the portal sends <c>Referrer-Policy: no-referrer</c>.
/// </summary>
internal sealed class ReturnPages(EndpointDataSource endpoints)
{
    private readonly Lazy<HashSet<string>> _pages = new(() => PagesOf(endpoints));

    public string? ReturnUrlOf(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return request.PathBase + request.Path + request.QueryString;
        }

        // A form post to a page itself (a static page's own form) returns to that page.
        var path = (request.Path.Value ?? "").TrimEnd('/');
        for (var cut = path.Length; cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            if (_pages.Value.Contains(path[..cut]))
            {
                return request.PathBase + path[..cut];
            }
        }

        return null;
    }

    /// <summary>The addresses of the portal's Blazor pages that have no route parameters.</summary>
    private static HashSet<string> PagesOf(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => e.RoutePattern.PathSegments.All(segment => segment.Parts.All(part => part is RoutePatternLiteralPart)))
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment => ((RoutePatternLiteralPart)segment.Parts[0]).Content)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
