using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AveroPortal.Blazor.Sessions;

internal static class LoginAuthentication
{
    /// <summary>
    /// Points to the server-side "password accepted, second factor pending" record (see <see cref="PendingLoginCookie"/>);
    /// it grants no access and lives as long as the record.
    /// </summary>
    public const string PendingScheme = "Avero.PendingLogin";

    public static void AddAveroAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ReturnPages>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                // Idle timeout; the 12-hour absolute limit is kept by the server-side session.
                AuthenticationCookies.Configure(options, "Avero.Sessie", Core.Sessions.SessionRepository.IdleTimeout, sliding: true);
                options.LoginPath = "/inloggen";
                options.AccessDeniedPath = "/fout/403";
                options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
                options.Events.OnRedirectToLogin = context =>
                {
                    var request = context.Request;
                    // Staff pages send anonymous visitors to the staff login, not to the customer portal.
                    var login = request.Path.StartsWithSegments("/support") ? "/support/inloggen" : options.LoginPath.Value;
                    var returnUrl = context.HttpContext.RequestServices.GetRequiredService<ReturnPages>().ReturnUrlOf(request);
                    context.RedirectUri = $"{request.Scheme}://{request.Host}{request.PathBase}{login}"
                        + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // A colleague action refused to a non-administrator answers 403 in place (the status-code pages
                    // render the Dutch page): a redirect would turn the refused post into a GET of another address.
                    if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/collegas"))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddCookie(PendingScheme, options =>
            {
                AuthenticationCookies.Configure(options, "Avero.Inloggen", PendingLoginRepository.Lifetime, sliding: false);
                options.LoginPath = "/inloggen";
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Customer, policy => policy.RequireAssertion(context =>
                PortalUser.From(context.User) is { Portal: Portals.Private or Portals.Business }))
            .AddPolicy(Policies.Support, policy => policy.RequireAssertion(context =>
                PortalUser.From(context.User) is { IsStaff: true, Role: StaffRoles.SupportAgent or StaffRoles.Admin }))
            .AddPolicy(Policies.Admin, policy => policy.RequireAssertion(context =>
                PortalUser.From(context.User) is { IsStaff: true, Role: StaffRoles.Admin }));
    }
}
