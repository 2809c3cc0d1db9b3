using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.Sessions;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AveroPortal.Blazor.Features.Login;

internal static class LoginEndpoints
{
    public static void MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // [FromForm] makes the endpoint check the anti-forgery token.
        endpoints.MapPost("/uitloggen", async (HttpContext http, [FromForm] string? returnUrl) =>
        {
            await SessionCookie.SignOutAsync(http);
            return TypedResults.LocalRedirect("/?uitgelogd=1");
        });

        endpoints.MapGet("/taal/{culture}", (HttpContext http, string culture, string? terug) =>
        {
            var chosen = WebExtensions.Cultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is not null)
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return TypedResults.LocalRedirect(LocalUrl.OrDefault(terug, "/"));
        });
    }
}
