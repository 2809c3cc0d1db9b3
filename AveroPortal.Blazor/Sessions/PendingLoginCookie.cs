using System.Security.Claims;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Authentication;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// The browser's half of a pending login ("password accepted, code pending"): a protected cookie that carries only
/// the random id of the server-side record (see <see cref="PendingLoginRepository"/>) and the portal, so an attempt
/// that can not go on is sent back to its own password step. The account, its stamp and the return address stay on
/// the server; the record is used up by the step that signs in, so a copy of this cookie is worth nothing afterwards.
/// </summary>
internal static class PendingLoginCookie
{
    private const string IdClaim = "pending";
    private const string PortalClaim = "portal";

    public static async Task StartAsync(HttpContext http, PasswordLogin login, Account account, string? returnUrl)
    {
        // The open-redirect guard runs before anything is stored: the record holds a local path or nothing.
        var id = await login.StartPendingAsync(account, LocalUrl.IsLocal(returnUrl) ? returnUrl : null);
        var identity = new ClaimsIdentity([new Claim(IdClaim, id), new Claim(PortalClaim, account.Portal)], LoginAuthentication.PendingScheme);
        await http.SignInAsync(LoginAuthentication.PendingScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The id in this browser's cookie, or null when there is none (or it expired, or is not ours).</summary>
    public static async Task<string?> IdAsync(HttpContext http) =>
        (await http.AuthenticateAsync(LoginAuthentication.PendingScheme)).Principal?.FindFirstValue(IdClaim);

    /// <summary>Ends this browser's pending login, on the server and in the browser.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        if (await IdAsync(http) is { } id)
        {
            await http.RequestServices.GetRequiredService<PendingLoginRepository>().EndAsync(id);
        }

        await http.SignOutAsync(LoginAuthentication.PendingScheme);
    }

    /// <summary>
    /// For a cookie whose record is gone (used, ended, expired, unknown): forgets the cookie and returns the password
    /// step of its portal, which says in Dutch why the customer starts again there.
    /// </summary>
    public static async Task<string> RestartAsync(HttpContext http)
    {
        var portal = (await http.AuthenticateAsync(LoginAuthentication.PendingScheme)).Principal?.FindFirstValue(PortalClaim);
        await EndAsync(http);
        return portal switch
        {
            Portals.Private => "/inloggen/particulier?verlopen=1",
            Portals.Business => "/inloggen/zakelijk?verlopen=1",
            Portals.Staff => "/support/inloggen?verlopen=1",
            _ => "/inloggen?verlopen=1",
        };
    }
}
