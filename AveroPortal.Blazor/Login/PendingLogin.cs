using System.Globalization;
using System.Security.Claims;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Authentication;

namespace AveroPortal.Blazor.Login;

/// <summary>The state between the password step and the code step, kept in a short-lived protected cookie.</summary>
internal sealed record PendingLogin(long AccountId, string Portal, string Stamp, string? ReturnUrl)
{
    public static async Task StartAsync(HttpContext http, Account account, string? returnUrl)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim("account", account.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim("portal", account.Portal),
            new Claim("stamp", account.SecurityStamp),
            new Claim("return", LocalUrl.OrDefault(returnUrl, "")),
        ], LoginAuthentication.PendingScheme);
        await http.SignInAsync(LoginAuthentication.PendingScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The pending login, or null when there is none, it expired, or the account changed since the password step.</summary>
    public static async Task<PendingLogin?> ReadAsync(HttpContext http, AccountRepository accounts)
    {
        var result = await http.AuthenticateAsync(LoginAuthentication.PendingScheme);
        var principal = result.Principal;
        if (!result.Succeeded || principal is null
            || !long.TryParse(principal.FindFirstValue("account"), CultureInfo.InvariantCulture, out var accountId))
        {
            return null;
        }

        var account = await accounts.GetAsync(accountId);
        var stamp = principal.FindFirstValue("stamp");
        if (account is null || account.SecurityStamp != stamp)
        {
            return null;
        }

        var returnUrl = principal.FindFirstValue("return");
        return new PendingLogin(accountId, account.Portal, stamp, string.IsNullOrEmpty(returnUrl) ? null : returnUrl);
    }
}
