using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Rebinding;
using Microsoft.AspNetCore.Authentication;

namespace AveroPortal.Blazor.Features.Rebinding;

internal static class RebindEndpoints
{
    /// <summary>Whether this browser has an open password step of an account that may re-bind with iDIN.</summary>
    public static async Task<bool> MayStartAsync(HttpContext http)
    {
        var services = http.RequestServices;
        return await services.GetRequiredService<PendingLoginRepository>().FindAsync(await PendingLoginCookie.IdAsync(http)) is { } pending
            && await services.GetRequiredService<AccountRepository>().GetAsync(pending.AccountId) is { } account
            && AuthenticatorRebinding.IsAllowedFor(account);
    }

    /// <summary>
    /// After the broker, for a re-binding: the bank's answer is used up first (of parallel callbacks one goes on), then
    /// the policy decides against the account of this browser's password step. On success the browser gets a fresh
    /// password step for the new stamp, in this response, and goes straight to the new QR code.
    /// </summary>
    public static async Task<IResult> ContinueAsync(HttpContext http, IdinOptions options, PendingLoginRepository pending,
        AuthenticatorRebinding rebinding, PasswordLogin login)
    {
        if (await IdinEndpoints.ReadAsync(http, options, rebind: true) is not (var bank, var idinPendingId))
        {
            await IdinEndpoints.EndExternalAsync(http);
            return Results.Redirect(RebindPaths.Cancelled);
        }

        var won = await pending.TryConsumeWithoutAccountAsync(idinPendingId, PendingPurposes.Idin);
        await http.SignOutAsync(IdinSetup.ExternalScheme);
        if (!won)
        {
            return Results.Redirect(RebindPaths.Cancelled);
        }

        var result = await rebinding.CompleteAsync(await PendingLoginCookie.IdAsync(http), bank, SessionCookie.ClientOf(http));
        switch (result.Outcome)
        {
            case RebindOutcome.Rebound:
                await PendingLoginCookie.StartAsync(http, login, result.Account!, null);
                return Results.Redirect("/inloggen/koppelen");
            case RebindOutcome.Refused:
                return Results.Redirect(RebindPaths.Refused);
            case RebindOutcome.NotAllowed:
                // The start page explains why this route is not for this account.
                return Results.Redirect(RebindPaths.Start);
            default:
                return Results.Redirect(await PendingLoginCookie.RestartAsync(http));
        }
    }
}
