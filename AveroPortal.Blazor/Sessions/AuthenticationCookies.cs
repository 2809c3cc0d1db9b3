using Microsoft.AspNetCore.Authentication.Cookies;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// What every cookie the portal signs in with shares: script can not read it, a top-level navigation back from a
/// bank or broker carries it (Lax), and it is Secure whenever the request is.
/// </summary>
internal static class AuthenticationCookies
{
    public static void Configure(CookieAuthenticationOptions options, string name, TimeSpan lifetime, bool sliding)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = sliding;
    }
}
