using Microsoft.AspNetCore.Authentication.Cookies;

namespace AveroPortal.Blazor.Login;

internal static class LoginAuthentication
{
    /// <summary>Holds "password accepted, second factor pending" for ten minutes; it grants no access.</summary>
    public const string PendingScheme = "Avero.PendingLogin";

    public static void AddAveroAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "Avero.Sessie";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Idle timeout; the 12-hour absolute limit is kept by the server-side session.
                options.ExpireTimeSpan = Core.Sessions.SessionRepository.IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = "/inloggen";
                options.AccessDeniedPath = "/fout/403";
                options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
            })
            .AddCookie(PendingScheme, options =>
            {
                options.Cookie.Name = "Avero.Inloggen";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                options.SlidingExpiration = false;
                options.LoginPath = "/inloggen";
            });
        services.AddAuthorization();
    }
}
