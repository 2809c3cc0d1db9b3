using AveroPortal.Core.PasswordReset;

namespace AveroPortal.Blazor.Features.PasswordReset;

internal static class PasswordResetEndpoints
{
    /// <summary>The mail's link: the token goes into a cookie and out of the address bar (see <see cref="PasswordResetCookie"/>).</summary>
    public static void MapPasswordResetEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(PasswordResetCookie.Path + "/link", (HttpContext http, string? token) =>
        {
            // Only a well-formed token is kept; the page itself says what any other link is worth.
            if (PasswordResetTokens.LooksValid(token))
            {
                PasswordResetCookie.Set(http, token!);
            }
            else
            {
                PasswordResetCookie.Delete(http);
            }

            return TypedResults.LocalRedirect(PasswordResetCookie.Path);
        });
}
