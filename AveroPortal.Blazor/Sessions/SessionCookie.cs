using System.Security.Claims;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// The portal session: a cookie that carries a server-side session id. Every request checks that session, so a
/// session ended elsewhere (log-out, support desk, a factor change) ends here too.
/// </summary>
internal static class SessionCookie
{
    public static async Task SignInAsync(HttpContext http, Account account, string method)
    {
        var sessions = await EndPreviousSessionAsync(http);
        var client = ClientOf(http);
        var sessionId = await sessions.CreateAsync(account.Id, method, client.RemoteIp, client.UserAgent);

        // The pending record was used up by the step that called this; the cookie that pointed to it goes too.
        await http.SignOutAsync(LoginAuthentication.PendingScheme);
        await SignInAsync(http, PortalUser.ForAccount(account, method, sessionId));
    }

    /// <summary>An eHerkenning user: no e-mail account, a session for the company they act for.</summary>
    public static async Task SignInEHerkenningAsync(HttpContext http, Core.EHerkenning.ServiceProvider.EHerkenningIdentity person)
    {
        var sessions = await EndPreviousSessionAsync(http);
        var client = ClientOf(http);
        var sessionId = await sessions.CreateForEHerkenningAsync(person.Id, client.RemoteIp, client.UserAgent);
        await SignInAsync(http, PortalUser.ForEHerkenning(person, sessionId));
    }

    /// <summary>A private customer confirmed by their bank through iDIN: no e-mail account, a session for the linked customer.</summary>
    public static async Task SignInIdinAsync(HttpContext http, Core.Idin.IdinIdentity person, Core.Customers.Customer customer)
    {
        var sessions = await EndPreviousSessionAsync(http);
        var client = ClientOf(http);
        var sessionId = await sessions.CreateForIdinAsync(person.Id, client.RemoteIp, client.UserAgent);
        await SignInAsync(http, PortalUser.ForIdin(person, customer, sessionId));
    }

    /// <summary>A sign-in always starts a new session; the one this browser had before (if any) ends.</summary>
    private static async Task<SessionRepository> EndPreviousSessionAsync(HttpContext http)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionRepository>();
        if (PortalUser.From(http.User)?.SessionId is { } previous)
        {
            await sessions.EndAsync(previous);
        }

        return sessions;
    }

    private static Task SignInAsync(HttpContext http, PortalUser user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>
    /// Log-out: the session ends, and so does every pending login of the account and the one this browser holds, so
    /// no "password accepted" state saved before the log-out can lead to a session after it.
    /// </summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (PortalUser.From(http.User)?.SessionId is { } sessionId)
        {
            await http.RequestServices.GetRequiredService<SessionRepository>().EndAsync(sessionId);
        }

        if (PortalUser.From(http.User)?.AccountId is { } accountId)
        {
            await http.RequestServices.GetRequiredService<PendingLoginRepository>().EndForAccountAsync(accountId);
        }

        await PendingLoginCookie.EndAsync(http);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRepository>();
        var session = await IsValidAsync(sessions, context.Principal);
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        // Writing on every request would serialize all readers on SQLite; a minute of precision is plenty for a 30-minute idle limit.
        if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - session.LastSeenAt >= 60)
        {
            await sessions.TouchAsync(session.Id);
        }
    }

    /// <summary>The live session behind a principal, or null when it ended, idled out, passed 12 hours, or the account's stamp changed.</summary>
    public static async Task<Session?> IsValidAsync(SessionRepository sessions, ClaimsPrincipal? principal)
    {
        if (PortalUser.From(principal) is not { SessionId: { } sessionId, Stamp: { } stamp })
        {
            return null;
        }

        var session = await sessions.GetAsync(sessionId);
        return session is not null && sessions.IsLive(session) && session.SecurityStamp == stamp ? session : null;
    }

    /// <summary>Where a fresh sign-in lands when no (local) return address was asked for.</summary>
    public static string HomeOf(Account account) => account.IsStaff ? "/support" : "/mijn-overzicht";

    public static ClientInfo ClientOf(HttpContext http) =>
        ClientInfo.Of(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
}
